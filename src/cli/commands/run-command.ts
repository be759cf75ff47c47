import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import type { RowFilter } from '../../filter/row-filter.ts';
import type { PassResult } from '../../pass/pass-result.ts';
import type { RunOptions } from '../../pass/run-options.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { openCliSwarm } from '../open-cli-swarm.ts';
import { parseWholeNumber, parseNonNegative } from '../parse-numbers.ts';
import { describeEstimate } from '../progress/describe-estimate.ts';
import { describePassResult } from '../progress/describe-pass-result.ts';
import { showProgress } from '../progress/show-progress.ts';
import { readJsonOption } from '../read-json-option.ts';
import { exportDestination } from '../export-destination.ts';
import { exportFormats, type ExportFormat } from '../../export/export-format.ts';
import { exportTable } from '../../export/export-table.ts';
import { plural } from '../../format/plural.ts';
import { passDefaults } from '../../pass/pass-defaults.ts';
import { runTaskAction } from './run-task-action.ts';
import { backendOption, redisOption } from '../backend-options.ts';
import { openCliBackend } from '../open-cli-backend.ts';
import { sourceKey } from '../../table/source-key.ts';
import { sourceTable, type SourceTable } from '../../swarm/source-table.ts';
import { addSourceOptions, sourceFromFlags, type SourceFlags } from '../source-options.ts';
import { daemonForStore } from '../daemon-for-store.ts';
import { cliStoreDir } from '../open-cli-store.ts';
import { limiterViewOf } from '../limiter-view.ts';
import { runPassThroughDaemon } from '../../daemon-client/run-pass-through-daemon.ts';
import type { LimiterSnapshot } from '../../limit/key-limiter.ts';

interface RunFlags extends SourceFlags {
  instruction?: string;
  command?: string;
  isolation?: 'none' | 'worktree';
  cwd?: string;
  passEnv?: string[];
  maxOutputBytes?: number;
  schema?: string;
  context?: string;
  contextFile?: string;
  filter?: string;
  model?: string;
  agent?: string;
  batchSize?: 'auto' | number;
  concurrency?: 'auto' | number;
  maxAttempts?: number;
  timeoutMs?: number;
  overwrite?: boolean;
  json?: boolean;
  quiet?: boolean;
  progressInterval?: number;
  cache: boolean;
  stream?: boolean;
  firstTokenTimeoutMs?: number;
  maxCost?: number;
  maxDailyCost?: number;
  maxTokens?: number;
  maxCalls?: number;
  maxOutputTokens?: number;
  maxFileBytes?: number;
  limit?: number;
  out?: string;
  format?: ExportFormat;
  dryRun?: boolean;
  task?: string;
  total?: number;
  pilot?: number;
  rebuildOutput?: boolean;
  backend?: 'local' | 'bullmq';
  redis?: string;
}

// The `swarm run` flags that apply to a task file; see runTaskAction.
const taskFileFlags = new Set(['task', 'total', 'pilot', 'rebuildOutput', 'json', 'quiet', 'progressInterval', 'backend', 'redis']);
// The flags that configure model calls: a --command pass makes none.
const modelFlags = new Set(['instruction', 'agent', 'context', 'contextFile', 'model', 'batchSize', 'maxAttempts', 'stream', 'firstTokenTimeoutMs', 'maxOutputTokens', 'cache', 'maxCost', 'maxDailyCost', 'maxTokens', 'maxCalls']);
// The flags that only a --command pass takes.
const commandFlags = new Set(['isolation', 'cwd', 'passEnv', 'maxOutputBytes']);

/** `swarm run`: runs a pass over a table, or creates the table from --tasks/--glob/--files first. */
export function runCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return addSourceOptions(new Command('run'))
    .description('run a pass: one structured answer per row (or, with --command, one shell command per row), written as new columns')
    .argument('[table]', 'table id, or a task file (task.yaml); omit when giving --tasks, --glob or --files (the table is created, or found again on a re-run)')
    .option('-i, --instruction <text>', 'per-row instruction; {column} or {{column}} placeholders refer to row values, and with none the prompt shows the whole row (required unless a task file is run)')
    .option('-s, --schema <file|json>', 'JSON Schema (type "object") of each answer, inline or a file; its properties become columns (required unless a task file is run; with --command, optional: what stdout must be, as JSON)')
    .option(
      '--command <line>',
      "instead of a model, run this shell command line for each row (sh -c); {column} placeholders become the row's values, each one shell-quoted word ({file} on a file table: its path), so write them bare, never inside quotes; stdout is the output column (with --schema: JSON whose properties are the columns); exit code ≠ 0 fails the row",
    )
    .addOption(
      new Option('--isolation <mode>', `with --command: none runs each row's command in --cwd; worktree gives each row a git worktree of its own on a new branch swarm/<table>/<row> from HEAD, commits what the command changed there, and writes the branch and commit columns (default: ${passDefaults.isolation})`).choices(['none', 'worktree']),
    )
    .option('--cwd <dir>', 'with --command: the folder commands run in (default: the working directory)')
    .addOption(
      new Option('--pass-env <name>', 'with --command: give commands this variable although it looks like a secret; repeat for more (commands get no API key and no *_KEY, *_TOKEN, *_SECRET, *PASSWORD* variable otherwise)').argParser(
        (name: string, previous: string[] | undefined) => [...(previous ?? []), name],
      ),
    )
    .addOption(new Option('--max-output-bytes <n>', `with --command: more stdout than this ends the command and fails its row (default: ${passDefaults.maxOutputBytes})`).argParser(parseWholeNumber))
    .option('--task <file>', 'run a task file (DeepSwarm task.yaml keys); same as giving it as the argument; through the daemon when one runs (on the local backend)')
    .addOption(new Option('--total <n>', 'with a task file: run only the first n seeds').argParser(parseWholeNumber))
    .option('--rebuild-output', "with a task file: rewrite its output file exactly from the store, and call nothing")
    .addOption(new Option('--pilot <n>', 'with a task file: run the first n seeds, show them with a projection for the whole job and a review, and stop').argParser(parseWholeNumber))
    .option('--context <text>', 'background prose prepended to every prompt')
    .option('--context-file <file>', 'read the context from a file')
    .option('--filter <json>', 'only rows matching this filter, e.g. \'{"column":"label","exists":false}\'')
    .option('-m, --model <spec>', 'provider:model-id, an alias, or mock (default: SWARM_MODEL, then swarm.config.yaml)')
    .option('--agent <type>', "answer each row with an agent loop of this subagent type, with its tools (built in: reviewer, fixer, web-searcher, web-reader; define more under agents: in swarm.config.yaml or in .claude/agents/*.md); its model unless --model")
    .addOption(new Option('--limit <n>', 'only the first n matching rows, in table order: a pilot (run again without it to do the rest)').argParser(parseWholeNumber))
    .addOption(new Option('--batch-size <auto|n>', 'rows per call: auto (a tenth of the rows, from 1 to 50: 10 calls up to 500 rows, one per 50 rows beyond) or a number').argParser(parseBatchSize))
    .addOption(
      new Option('--concurrency <auto|n>', `calls in flight: auto adapts to the provider; a number caps it; with --command, commands at once, auto being one per CPU, here ${passDefaults.commandConcurrency} (default: ${passDefaults.concurrency})`).argParser(parseConcurrency),
    )
    .addOption(new Option('--max-attempts <n>', `attempts per call on transient errors (rate-limit waits use none) (default: ${passDefaults.maxAttempts})`).argParser(parseWholeNumber))
    .addOption(
      new Option('--timeout-ms <n>', `abort and retry a call after this long (default: ${passDefaults.timeoutMs}); with --command, end a command (its whole process group) after this long and fail its row (default: ${passDefaults.commandTimeoutMs})`).argParser(parseWholeNumber),
    )
    .option('--overwrite', 'allow replacing columns written by the source or another pass')
    .option('--stream', 'stream each answer: a stalled first token or a broken stream is retried early')
    .addOption(new Option('--first-token-timeout-ms <n>', `with --stream: retry a call whose first token takes longer (default: ${passDefaults.firstTokenTimeoutMs})`).argParser(parseWholeNumber))
    .addOption(new Option('--max-output-tokens <n>', "cap on each call's output tokens (default: the provider's)").argParser(parseWholeNumber))
    .addOption(new Option('--max-file-bytes <n>', `largest file a {file} placeholder (or --glob/--files row) may read (default: ${passDefaults.maxFileBytes})`).argParser(parseWholeNumber))
    .option('--no-cache', 'always call the provider (by default identical requests are answered from the store)')
    .addOption(new Option('--max-cost <usd>', 'stop before this pass spends more than this (over all its runs)').argParser(parseNonNegative))
    .addOption(new Option('--max-daily-cost <usd>', 'stop before the store spends more than this today (UTC)').argParser(parseNonNegative))
    .addOption(new Option('--max-tokens <n>', 'stop before this pass uses more tokens than this').argParser(parseWholeNumber))
    .addOption(new Option('--max-calls <n>', 'stop before this pass makes more provider calls than this').argParser(parseWholeNumber))
    .option('--out <file>', "after the pass, write the rows it has answered to this file (format from the extension), or - for stdout (JSONL)")
    .addOption(new Option('--format <format>', 'with --out: the file format (default: from the extension)').choices([...exportFormats]))
    .option('--dry-run', 'print the calls, tokens and cost the pass would need, and call nothing')
    .addOption(backendOption('dispatches'))
    .addOption(redisOption())
    .option('--json', 'print the pass result as JSON on stdout')
    .option('-q, --quiet', 'no progress and no summary (errors still go to stderr)')
    .addOption(new Option('--progress-interval <ms>', 'progress line period when not on a terminal').default(2000).argParser(parseWholeNumber))
    .addHelpText(
      'after',
      `
Examples:
  swarm run --tasks reviews.jsonl -i "Classify the sentiment of {text}" -s sentiment.schema.json -m mock
  swarm run reviews-3f9a -i "Classify the sentiment of {text}" -s sentiment.schema.json -m openai:gpt-4o-mini --limit 20
  swarm run reviews-3f9a -i "..." -s sentiment.schema.json -m openai:gpt-4o-mini --filter '{"status":"failed"}'   # retry only the failed rows
  swarm run --glob "src/**/*.ts" --agent reviewer -i "Review {file} for security issues" -s review.schema.json -m mock
  swarm run task.yaml --pilot 5
  swarm run --glob 'src/**/*.ts' --command 'npx prettier --check {file}'
  swarm run reviews-3f9a -i "..." -s sentiment.schema.json -m openai:gpt-4o-mini --backend bullmq --redis redis://10.0.0.5:6379
  swarm run issues-7c1d --command 'claude -p {task}' --isolation worktree --pass-env ANTHROPIC_API_KEY --concurrency 4
`,
    )
    .action(async (tableArgument: string | undefined, flags: RunFlags, command: Command) => {
      const taskFile = flags.task ?? (tableArgument !== undefined && /\.ya?ml$/i.test(tableArgument) ? tableArgument : undefined);
      if (taskFile !== undefined) {
        if (flags.task !== undefined && tableArgument !== undefined) throw new InvalidInputError('give the task file as the argument or with --task, not both');
        // A task file carries its own model, workers, budget and batch size: a run flag given
        // with it would be silently ignored (a --dry-run or --max-cost would run the job uncapped).
        const ignored = command.options
          .filter((option) => command.getOptionValueSource(option.attributeName()) === 'cli' && !taskFileFlags.has(option.attributeName()))
          .map((option) => option.long ?? option.flags);
        if (ignored.length > 0) {
          const dryRun = ignored.includes('--dry-run') ? '; to see what a task file would cost before running it all, use --pilot N (runs N rows and projects the rest)' : '';
          throw new InvalidInputError(
            `${ignored.join(', ')} ${ignored.length === 1 ? 'is' : 'are'} not used with a task file (it sets its own models, workers, budget, batch_size and seeds)${dryRun}`,
          );
        }
        const taskBackend = flags.rebuildOutput ? undefined : await openCliBackend(io, flags);
        // A task file's job goes through the store's daemon when one runs (on the local backend), under its limiters.
        const daemon = flags.rebuildOutput || taskBackend !== undefined ? undefined : daemonForStore(io, cliStoreDir(io, command));
        try {
          setExitCode(await runTaskAction(taskFile, flags, io, command.optsWithGlobals<{ dir?: string }>().dir, { backend: taskBackend, daemon }));
        } finally {
          await taskBackend?.close();
        }
        return;
      }
      const given = (names: Set<string>) =>
        command.options.filter((option) => command.getOptionValueSource(option.attributeName()) === 'cli' && names.has(option.attributeName())).map((option) => option.long ?? option.flags);
      if (flags.command !== undefined) {
        const unused = given(modelFlags);
        if (unused.length > 0) {
          throw new InvalidInputError(`${unused.join(', ')} ${unused.length === 1 ? 'is' : 'are'} not used with --command: it runs the command for each row and calls no model`);
        }
      } else {
        const missing = [flags.instruction === undefined ? '--instruction' : undefined, flags.schema === undefined ? '--schema' : undefined].filter(Boolean);
        if (missing.length > 0) {
          throw new InvalidInputError(
            `run needs ${missing.join(' and ')}: the instruction for each row and the JSON Schema of its answer (or --command to run a shell command per row, or a task file: swarm run task.yaml)`,
          );
        }
        const commandOnly = given(commandFlags);
        if (commandOnly.length > 0) throw new InvalidInputError(`${commandOnly.join(', ')} ${commandOnly.length === 1 ? 'goes' : 'go'} with --command`);
      }
      if (flags.format !== undefined && flags.out === undefined) throw new InvalidInputError('--format goes with --out');
      if (flags.out === '-' && flags.json) throw new InvalidInputError('--out - and --json both write to stdout: give --out a file name, or leave out --json');
      if (flags.total !== undefined || flags.pilot !== undefined || flags.rebuildOutput) {
        throw new InvalidInputError('--total, --pilot and --rebuild-output apply to task files');
      }
      const source = sourceFromFlags(flags);
      if (source !== undefined && tableArgument !== undefined) throw new InvalidInputError('give a table id or --tasks/--glob/--files, not both');
      if (source === undefined && tableArgument === undefined) throw new InvalidInputError('run needs a table id, or --tasks FILE / --glob PATTERN / --files FILE to create one');
      if (flags.context !== undefined && flags.contextFile !== undefined) throw new InvalidInputError('give --context or --context-file, not both');
      const responseSchema = flags.schema === undefined ? undefined : (readJsonOption(flags.schema, '--schema', io.cwd) as Record<string, unknown>);
      const filter = flags.filter === undefined ? undefined : (readJsonOption(flags.filter, '--filter', io.cwd) as RowFilter);
      const context = flags.contextFile === undefined ? flags.context : readText(flags.contextFile, io.cwd);
      const destination = flags.out === undefined ? undefined : exportDestination(flags.out, flags.format, io);

      const backend = flags.dryRun ? undefined : await openCliBackend(io, flags);
      const swarm = openCliSwarm(io, command, backend);
      const controller = new AbortController();
      // A model pass goes through the store's daemon when one runs, under its limiters; a command
      // pass calls no model, and runs here with this command's environment; on the bullmq backend,
      // this process coordinates the workers.
      const daemon = flags.command === undefined && !flags.dryRun && backend === undefined ? daemonForStore(io, swarm.dir) : undefined;
      const daemonLimiters = new Map<string, LimiterSnapshot>();
      const progress = showProgress(swarm.context.events, io.stderr, {
        intervalMs: flags.progressInterval,
        limiters: daemon === undefined ? swarm.context.limiters : limiterViewOf(daemonLimiters),
        quiet: flags.quiet || flags.dryRun,
      });
      let interrupts = 0;
      const onInterrupt = () => {
        interrupts++;
        if (interrupts > 1) process.exit(exitCodes.interrupted);
        // The bar is stopped first, so that neither it nor the summary draws over this line.
        progress.interrupt('Stopping: calls in flight are abandoned and their rows left pending; press Ctrl-C again to quit at once.');
        controller.abort();
      };
      process.on('SIGINT', onInterrupt);
      process.on('SIGTERM', onInterrupt);
      let model: string | undefined;
      const unsubscribe = swarm.subscribe((event) => {
        if (event.type === 'pass-start') model = event.model;
      });
      // A one-shot run refused for bad input takes back the table it made (see `sourceTable`).
      let oneShot: SourceTable | undefined;
      try {
        if (source !== undefined) oneShot = await sourceTable(swarm, source, { sourceKey: await sourceKey(source, io.cwd), maxFileBytes: flags.maxFileBytes });
        const tableId = tableArgument ?? oneShot!.table.id;
        const passOptions: RunOptions =
          flags.command !== undefined
            ? {
                command: flags.command,
                responseSchema,
                filter,
                concurrency: flags.concurrency,
                timeoutMs: flags.timeoutMs,
                overwrite: flags.overwrite,
                limit: flags.limit,
                isolation: flags.isolation,
                cwd: flags.cwd,
                passEnv: flags.passEnv,
                maxOutputBytes: flags.maxOutputBytes,
              }
            : {
                instruction: flags.instruction!,
                responseSchema: responseSchema!,
                context,
                filter,
                model: flags.model,
                subagentType: flags.agent,
                batchSize: flags.batchSize,
                concurrency: flags.concurrency,
                maxAttempts: flags.maxAttempts,
                timeoutMs: flags.timeoutMs,
                overwrite: flags.overwrite,
                cache: flags.cache,
                stream: flags.stream,
                firstTokenTimeoutMs: flags.firstTokenTimeoutMs,
                maxCost: flags.maxCost,
                maxDailyCost: flags.maxDailyCost,
                maxTokens: flags.maxTokens,
                maxCalls: flags.maxCalls,
                maxOutputTokens: flags.maxOutputTokens,
                maxFileBytes: flags.maxFileBytes,
                limit: flags.limit,
              };
        if (flags.dryRun) {
          const estimate = await swarm.estimate(tableId, passOptions);
          io.stdout.write(flags.json ? `${JSON.stringify({ table: tableId, ...estimate })}\n` : `${describeEstimate(estimate)}\n`);
          setExitCode(exitCodes.ok);
          return;
        }
        const startedAt = performance.now();
        const result =
          daemon === undefined
            ? await swarm.run(tableId, { ...passOptions, abortSignal: controller.signal })
            : await runPassThroughDaemon(daemon, tableId, passOptions, { events: swarm.context.events, limiters: daemonLimiters }, { abortSignal: controller.signal });
        progress.stop();
        if (flags.json) io.stdout.write(`${JSON.stringify({ table: tableId, ...result })}\n`);
        if (!flags.quiet) io.stderr.write(`${describePassResult(result, { tableId, model: model ?? '?', elapsedSeconds: (performance.now() - startedAt) / 1000 })}\n`);
        if (destination !== undefined) {
          const written = await exportTable(swarm.context.store, tableId, { ...destination, answeredBy: result.passId });
          if (!flags.quiet && flags.out !== '-') io.stderr.write(`Wrote ${plural(written.rows, 'answered row')} to ${flags.out}\n`);
        }
        setExitCode(exitCodeOf(result, controller.signal.aborted));
      } catch (error) {
        oneShot?.discardIfUnused();
        throw error;
      } finally {
        progress.stop();
        unsubscribe();
        process.off('SIGINT', onInterrupt);
        process.off('SIGTERM', onInterrupt);
        swarm.close();
        await backend?.close();
      }
    });
}

function exitCodeOf(result: PassResult, interrupted: boolean): number {
  if (interrupted) return exitCodes.interrupted;
  if (result.stopped !== undefined) return exitCodes.stopped;
  if (result.failed > 0) return exitCodes.rowsFailed;
  return exitCodes.ok;
}


function parseConcurrency(value: string): 'auto' | number {
  return value === 'auto' ? 'auto' : parseWholeNumber(value);
}

function parseBatchSize(value: string): 'auto' | number {
  if (value === 'auto') return 'auto';
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('expected "auto" or a whole number ≥ 1');
  return number;
}

function readText(file: string, cwd: string): string {
  try {
    return readFileSync(path.resolve(cwd, file), 'utf8');
  } catch {
    throw new InvalidInputError(`cannot read context file: ${file}`);
  }
}
