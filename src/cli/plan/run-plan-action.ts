import { plural } from '../../format/plural.ts';
import type { PlanResult } from '../../plan/plan.ts';
import type { Swarm } from '../../swarm/open-swarm.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { formatMilliseconds } from './format-milliseconds.ts';
import { showPlanProgress } from './show-plan-progress.ts';

/**
 * Runs a plan run from the CLI (`plan run`, `replay`): its progress on stderr, Ctrl-C stopping it
 * cleanly (tasks under way are stopped and left to resume; a second Ctrl-C quits at once), the
 * result as JSON on stdout with `--json`, a summary on stderr unless `--quiet`. Returns the exit
 * code: 0 when every task completed, 1 when one failed or was skipped, 130 when interrupted.
 */
export async function runPlanAction(
  swarm: Swarm,
  io: CliIo,
  { json = false, quiet = false }: { json?: boolean; quiet?: boolean },
  run: (abortSignal: AbortSignal) => Promise<PlanResult>,
): Promise<number> {
  const controller = new AbortController();
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts++;
    if (interrupts > 1) process.exit(exitCodes.interrupted);
    io.stderr.write('Stopping: tasks under way are stopped and left pending; press Ctrl-C again to quit at once.\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  const stopProgress = showPlanProgress(swarm.context.events, io.stderr, { quiet });
  const startedAt = performance.now();
  try {
    const result = await run(controller.signal);
    stopProgress();
    if (json) io.stdout.write(`${JSON.stringify(result)}\n`);
    if (!quiet) io.stderr.write(`${describePlanResult(result, performance.now() - startedAt)}\n`);
    if (controller.signal.aborted) return exitCodes.interrupted;
    return result.completed === Object.keys(result.tasks).length ? exitCodes.ok : exitCodes.tasksNotCompleted;
  } finally {
    stopProgress();
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}

/** The end-of-run summary: counts, time, and what to do next. */
function describePlanResult(result: PlanResult, elapsedMs: number): string {
  const total = Object.keys(result.tasks).length;
  const lines = [
    `Plan run ${result.id} in ${formatMilliseconds(elapsedMs)}: ${plural(total, 'task')}, ${result.completed} completed, ${result.failed} failed, ${result.skipped} skipped, ${result.pending} pending`,
    `  The graph with each task's state: swarm plan show ${result.id}; a task's transcript: swarm show ${result.tableId} <task>`,
  ];
  if (result.stopped !== undefined) lines.push(`Stopped: ${result.stopped.message}`);
  else if (result.failed > 0) lines.push('Run the same command again to retry the failed tasks and the ones skipped after them (completed tasks are not run again).');
  return lines.join('\n');
}
