import { Command, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { daemonForStore } from '../daemon-for-store.ts';
import { openCliSwarm } from '../open-cli-swarm.ts';
import { parseWholeNumber } from '../parse-numbers.ts';
import { runPrompts } from '../run-prompts.ts';

/** node-scaling's published "with daemon" times (its README), by task count, in milliseconds. */
export const nodeScalingPublishedMs: Readonly<Record<number, number>> = { 10: 700, 30: 1_000, 50: 1_450 };
const publishedTasks = Object.keys(nodeScalingPublishedMs).join(' / ');
const publishedTimes = Object.values(nodeScalingPublishedMs)
  .map((ms) => ms.toLocaleString('en-US'))
  .join(' / ');

/** What `swarm bench --json` prints. */
export interface BenchReport {
  tasks: number;
  done: number;
  failed: number;
  totalMs: number;
  perTaskMs: number;
  tasksPerSecond: number;
  model: string | undefined;
  /** `daemon` when the store's daemon ran the tasks. */
  through: 'daemon' | 'process';
  /** node-scaling's published time for this many tasks, when it published one. */
  publishedMs?: number;
}

/** `swarm bench --tasks N`: N one-line prompts at once, timed, beside node-scaling's published figures. */
export function benchCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('bench')
    .description(`time N prompts sent at once (each its own call, never from the cache), through the daemon when one runs; prints the total time, N/N done, time per task and tasks/s beside node-scaling's published ${publishedTimes} ms for ${publishedTasks} tasks`)
    .addOption(new Option('--tasks <n>', 'how many tasks').default(30).argParser(parseWholeNumber))
    .option('-m, --model <spec>', 'provider:model-id, an alias, or mock, e.g. "mock:default?latencyMs=500" (default: SWARM_MODEL, then swarm.config.yaml)')
    .option('--json', 'print the figures as JSON')
    .addHelpText('after', '\nExamples:\n  swarm bench --tasks 30\n  swarm bench --tasks 50 --model "mock:default?latencyMs=500"\n')
    .action(async (flags: { tasks: number; model?: string; json?: boolean }, command: Command) => {
      const swarm = openCliSwarm(io, command);
      try {
        // A nonce per run: every task is a real call, whatever earlier benchmarks left in the cache.
        const nonce = randomBytes(4).toString('hex');
        const prompts = Array.from({ length: flags.tasks }, (_, index) => `Benchmark ${nonce}, task ${index + 1}: reply with one short sentence about the number ${index + 1}.`);
        if (!flags.json) io.stdout.write(`Benchmark: ${flags.tasks} parallel tasks\n`);
        // The client's HTTP stack loads on its first request: not part of what is timed.
        await daemonForStore(io, swarm.dir)?.request('GET', '/health');
        const started = performance.now();
        const { result, model, through, port } = await runPrompts(io, swarm, { prompts, model: flags.model, cache: false }, { quiet: true });
        const totalMs = performance.now() - started;
        const report: BenchReport = {
          tasks: flags.tasks,
          done: result.stats.succeeded,
          failed: result.stats.failed,
          totalMs: Math.round(totalMs),
          perTaskMs: Math.round(totalMs / flags.tasks),
          tasksPerSecond: Number(((flags.tasks / totalMs) * 1000).toFixed(1)),
          model,
          through,
          ...(nodeScalingPublishedMs[flags.tasks] === undefined ? {} : { publishedMs: nodeScalingPublishedMs[flags.tasks] }),
        };
        io.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : describeBench(report, port));
        setExitCode(report.failed > 0 ? exitCodes.rowsFailed : exitCodes.ok);
      } finally {
        swarm.close();
      }
    });
}

function describeBench(report: BenchReport, port: number | undefined): string {
  const lines = [
    `  ${report.through === 'daemon' ? `through the daemon (port ${port})` : 'in this process (no daemon runs)'}, model ${report.model ?? '?'}`,
    `  Total time:  ${report.totalMs} ms`,
    `  Done:        ${report.done}/${report.tasks}${report.failed > 0 ? ` (${report.failed} failed)` : ''}`,
    `  Per task:    ${report.perTaskMs} ms`,
    `  Throughput:  ${report.tasksPerSecond} tasks/s`,
  ];
  const published = report.publishedMs;
  lines.push(
    published === undefined
      ? `  node-scaling published figures for ${publishedTasks} tasks only (${publishedTimes} ms)`
      : `  node-scaling (published, ${report.tasks} tasks with its daemon): ~${published.toLocaleString('en-US')} ms; this run: ${(report.totalMs / published).toFixed(2)}× that`,
  );
  return `${lines.join('\n')}\n`;
}
