import { Command, Option } from 'commander';
import { formatDuration } from '../../format/format-numbers.ts';
import type { PromptResult } from '../../parallel/prompt-result.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { openCliSwarm } from '../open-cli-swarm.ts';
import { parseWholeNumber } from '../parse-numbers.ts';
import type { ProgressDisplay } from '../progress/show-progress.ts';
import { readJsonOption } from '../read-json-option.ts';
import { runPrompts } from '../run-prompts.ts';

interface ParallelFlags {
  model?: string;
  schema?: string;
  concurrency?: number;
  cache: boolean;
  json?: boolean;
  quiet?: boolean;
  progressInterval?: number;
}

/** `swarm parallel "p1" "p2" …`: each prompt its own call, at once; every result in order. */
export function parallelCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('parallel')
    .description('send each prompt as its own call, as many at once as the provider allows, and print every result in order (a failure with its error); through the daemon when one runs')
    .argument('<prompts...>', 'the prompts, each one argument')
    .option('-m, --model <spec>', 'provider:model-id, an alias, or mock (default: SWARM_MODEL, then swarm.config.yaml)')
    .option('-s, --schema <file|json>', 'JSON Schema (type "object") of each answer, inline or a file; without it each answer is free text')
    .addOption(new Option('--concurrency <n>', 'at most this many calls in flight (default: auto, adapting to the provider)').argParser(parseWholeNumber))
    .option('--no-cache', 'always call the provider (by default an identical prompt is answered from the store)')
    .option('--json', 'print { results, stats } as JSON on stdout')
    .option('-q, --quiet', 'no progress and no summary')
    .addOption(new Option('--progress-interval <ms>', 'progress line period when not on a terminal').default(2000).argParser(parseWholeNumber))
    .addHelpText('after', `\nExamples:\n  swarm parallel "What is OpenAI?" "What is Anthropic?" -m mock\n  swarm parallel "2+2" "3*7" --schema '{"type":"object","properties":{"answer":{"type":"number"}},"required":["answer"]}' --json\n`)
    .action(async (prompts: string[], flags: ParallelFlags, command: Command) => {
      const schema = flags.schema === undefined ? undefined : (readJsonOption(flags.schema, '--schema', io.cwd) as Record<string, unknown>);
      const swarm = openCliSwarm(io, command);
      const controller = new AbortController();
      let progress: ProgressDisplay | undefined;
      let interrupts = 0;
      const onInterrupt = () => {
        if (++interrupts > 1) process.exit(exitCodes.interrupted);
        progress?.interrupt('Stopping: prompts not answered yet end as "stopped"; press Ctrl-C again to quit at once.');
        controller.abort();
      };
      process.on('SIGINT', onInterrupt);
      process.on('SIGTERM', onInterrupt);
      // Results are printed in order, each as soon as every one before it has ended.
      const ended = new Map<number, PromptResult>();
      let printed = 0;
      const onResult = (result: PromptResult) => {
        if (flags.json) return;
        ended.set(result.index, result);
        while (ended.has(printed)) io.stdout.write(describeResult(ended.get(printed++)!));
      };
      try {
        const started = performance.now();
        const { result, model } = await runPrompts(io, swarm, { prompts, model: flags.model, schema, concurrency: flags.concurrency, cache: flags.cache }, {
          quiet: flags.quiet,
          progressInterval: flags.progressInterval,
          onResult,
          abortSignal: controller.signal,
          onProgress: (display) => (progress = display),
        });
        for (const item of result.results) onResult(item);
        if (flags.json) io.stdout.write(`${JSON.stringify(result)}\n`);
        const { succeeded, failed, tableId } = result.stats;
        if (!flags.quiet) {
          io.stderr.write(`${succeeded}/${prompts.length} answered${failed > 0 ? `, ${failed} failed` : ''} in ${formatDuration((performance.now() - started) / 1000)} (model ${model ?? '?'}; table ${tableId}: swarm rows ${tableId})\n`);
        }
        const stopped = result.results.some((item) => !item.ok && item.error.class === 'stopped');
        setExitCode(controller.signal.aborted ? exitCodes.interrupted : stopped ? exitCodes.stopped : failed > 0 ? exitCodes.rowsFailed : exitCodes.ok);
      } finally {
        process.off('SIGINT', onInterrupt);
        process.off('SIGTERM', onInterrupt);
        swarm.close();
      }
    });
}

function describeResult(result: PromptResult): string {
  const label = `[${result.index + 1}]`;
  if (!result.ok) return `${label} error (${result.error.class}): ${result.error.message}\n`;
  return `${label} ${'text' in result ? result.text : JSON.stringify(result.output)}\n`;
}

