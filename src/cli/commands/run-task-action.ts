import path from 'node:path';
import { loadConfig } from '../../config/load-config.ts';
import { openSwarm } from '../../swarm/open-swarm.ts';
import { pilotReport } from '../../task/pilot-report.ts';
import { triageFailures } from '../../task/triage-failures.ts';
import { loadTaskFile } from '../../task/load-task-file.ts';
import { rebuildTaskOutput, runTask, type TaskFileBackend, type TaskRunResult } from '../../task/run-task.ts';
import type { DaemonClient } from '../../daemon-client/daemon-client.ts';
import { runThroughDaemon } from '../../daemon-client/run-through-daemon.ts';
import { createEventBus, type EventBus } from '../../events/event-bus.ts';
import type { LimiterSnapshot } from '../../limit/key-limiter.ts';
import { limiterViewOf } from '../limiter-view.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { describePassResult } from '../progress/describe-pass-result.ts';
import { formatCost, formatCount } from '../../format/format-numbers.ts';
import { plural } from '../../format/plural.ts';
import { showProgress, type LimiterView, type ProgressDisplay } from '../progress/show-progress.ts';

/** Flags of `swarm run` that apply to a task file. */
export interface TaskRunFlags {
  rebuildOutput?: boolean;
  total?: number;
  pilot?: number;
  json?: boolean;
  quiet?: boolean;
  progressInterval?: number;
}

/**
 * `swarm run task.yaml` / `swarm run --task task.yaml`: runs a task file's job, or with
 * `--pilot N` its first N seeds, then shows them with a projection for the whole job and the
 * orchestrator's review. With `daemon`, the job runs there (under its limiters) and the review and
 * triage here. Returns the exit code.
 */
export async function runTaskAction(
  file: string,
  flags: TaskRunFlags,
  io: CliIo,
  dir: string | undefined,
  { backend, daemon }: { backend?: TaskFileBackend; daemon?: DaemonClient } = {},
): Promise<number> {
  const config = loadConfig({ cwd: io.cwd });
  const task = loadTaskFile(path.resolve(io.cwd, file), { cwd: io.cwd, config, env: io.env, total: flags.total });
  if (flags.rebuildOutput) {
    const rebuilt = await rebuildTaskOutput(task, { dir, cwd: io.cwd, config, env: io.env, total: flags.total });
    io.stdout.write(flags.json ? `${JSON.stringify(rebuilt)}\n` : `Rebuilt ${path.relative(io.cwd, rebuilt.outputFile) || rebuilt.outputFile} from the store: ${plural(rebuilt.answered, 'seed')} answered\n`);
    return exitCodes.ok;
  }
  const controller = new AbortController();
  let progress: ProgressDisplay | undefined;
  let interrupts = 0;
  const onInterrupt = () => {
    if (++interrupts > 1) process.exit(exitCodes.interrupted);
    const message = 'Stopping: calls in flight are abandoned and their rows left pending; press Ctrl-C again to quit at once.';
    // The bar is stopped first, so that neither it nor the summary draws over this line.
    if (progress === undefined) io.stderr.write(`\n${message}\n`);
    else progress.interrupt(message);
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  const startedAt = performance.now();
  try {
    const startProgress = (events: EventBus, limiters: LimiterView) => {
      progress = showProgress(events, io.stderr, { intervalMs: flags.progressInterval, limiters, quiet: flags.quiet });
    };
    let result: TaskRunResult;
    if (daemon === undefined) {
      result = await runTask(task, {
        dir,
        cwd: io.cwd,
        config,
        env: io.env,
        total: flags.total,
        pilot: flags.pilot,
        abortSignal: controller.signal,
        backend,
        onStart: (context) => startProgress(context.events, context.limiters),
      });
    } else {
      // The job runs in the daemon, under its limiters; its events come back here for the progress line.
      const follower = { events: createEventBus(), limiters: new Map<string, LimiterSnapshot>() };
      startProgress(follower.events, limiterViewOf(follower.limiters));
      const request = { file: path.resolve(io.cwd, file), total: flags.total, pilot: flags.pilot };
      result = (await runThroughDaemon(daemon, '/task-files', request, follower, { abortSignal: controller.signal, what: `the job of ${file}` })) as TaskRunResult;
    }
    progress?.stop();
    let pilot;
    let triage;
    // After Ctrl-C, no more calls: the review and triage cost orchestrator calls the user just refused.
    if (!controller.signal.aborted && (flags.pilot !== undefined || result.pass.failed > 0)) {
      const swarm = openSwarm({ dir, cwd: io.cwd, config, env: io.env });
      try {
        if (flags.pilot !== undefined) pilot = await pilotReport(swarm, task, result, { size: flags.pilot, total: flags.total, abortSignal: controller.signal });
        // Failures get one orchestrator call that groups them by cause and says what to change.
        if (result.pass.failed > 0) triage = await triageFailures(swarm, task, result.pass.failures, { abortSignal: controller.signal });
      } finally {
        swarm.close();
      }
    }
    if (flags.json) io.stdout.write(`${JSON.stringify({ table: result.tableId, output: result.outputFile, ...result.pass, pilot, triage })}\n`);
    if (!flags.quiet) {
      io.stderr.write(
        `${describePassResult(result.pass, { tableId: result.tableId, model: result.model, elapsedSeconds: (performance.now() - startedAt) / 1000, settings: 'task-file' })}\n`,
      );
      io.stderr.write(`Output: ${path.relative(io.cwd, result.outputFile) || result.outputFile}\n`);
      if (triage !== undefined && triage.causes.length > 0) {
        io.stderr.write(`Orchestrator triage (${task.orchestratorModel}):\n`);
        for (const cause of triage.causes) io.stderr.write(`  ${cause.cause} (${plural(cause.rows, 'row')}) → ${cause.fix}\n`);
      }
      if (pilot !== undefined) {
        io.stderr.write(`\nPilot samples (${pilot.samples.length}):\n`);
        for (const sample of pilot.samples) io.stderr.write(`  ${sample.id}: ${JSON.stringify(sample.answer).slice(0, 300)}\n`);
        const projection = pilot.projected;
        io.stderr.write(
          `\nThe remaining ${plural(projection.rows, 'seed')} would take about ${plural(projection.calls, 'call')}, ` +
            `${formatCount(projection.inputTokens)} input + ${formatCount(projection.outputTokens)} output tokens, ${formatCost(projection.cost)}.\n`,
        );
        if (pilot.review !== undefined) io.stderr.write(`Orchestrator review (${task.orchestratorModel}): ${pilot.review.verdict}. ${pilot.review.notes}\n`);
        io.stderr.write('Run the same command without --pilot to run the whole job (the pilot rows are kept).\n');
      }
    }
    if (controller.signal.aborted) return exitCodes.interrupted;
    if (result.pass.stopped !== undefined) return exitCodes.stopped;
    return result.pass.failed > 0 ? exitCodes.rowsFailed : exitCodes.ok;
  } finally {
    progress?.stop();
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}
