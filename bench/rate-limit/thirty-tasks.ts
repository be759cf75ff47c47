/**
 * Wall time of a short pass: 30 rows, one call each, at a fixed 500 ms per call and no limits,
 * Swarm with `concurrency: 'auto'` and `batchSize: 1` (timed around `run()`), beside the two
 * baselines (timed from their first call to their last answer), and beside the floor: the same 30
 * calls made at once through the bare AI SDK provider, with nothing around them. Any client with
 * 30 calls in flight needs one round trip, ~500 ms; a 16-worker pool needs two. Target: Swarm ≤ 600 ms (the
 * node-scaling seed reports ~1,000 ms for 30 tasks, from a daemon with warm workers).
 *
 * Each child runs the workload twice on fresh rows: the first run in a fresh process (what one
 * CLI invocation sees: modules compiled on first use, 30 connections opened), the second warm
 * (what a daemon or a long-lived library user sees). Three repetitions, sides interleaved, each
 * against a fresh simulator; medians reported.
 */
import type { BenchContext } from '../support/bench-context.ts';
import { median } from '../support/median.ts';
import type { Metric } from '../support/metric.ts';
import { runSide, type Side } from './run-side.ts';

const rows = 30;
const callMs = 500;
const repetitions = 3;
const sides: Side[] = ['swarm', 'deepswarm', 'cookbook', 'all-at-once'];
const baselineNames = { deepswarm: 'DeepSwarm pool', cookbook: 'cookbook loop', 'all-at-once': 'AI SDK alone, all at once' } as const;

/** Runs the 30-task benchmark and returns its metrics. */
export async function thirtyTasks({ workDir, profileDir }: BenchContext): Promise<Metric[]> {
  const cold: Record<Side, number[]> = { swarm: [], deepswarm: [], cookbook: [], 'all-at-once': [] };
  const warm: Record<Side, number[]> = { swarm: [], deepswarm: [], cookbook: [], 'all-at-once': [] };
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    for (const side of sides) {
      const { report } = await runSide(side, {
        workDir,
        profileDir,
        label: `thirty-tasks-${side}-${repetition}`,
        limits: {},
        latency: { firstTokenMs: callMs },
        rows,
        durationMs: 60_000,
        // DeepSwarm's "auto" stagger: call duration / workers × 2.
        staggerMs: (callMs / 16) * 2,
        repeat: true,
      });
      if (report.completed !== rows || report.warmRunMs === undefined) {
        throw new Error(`${side} answered ${report.completed} of ${rows} rows in the 30-task benchmark`);
      }
      cold[side].push(report.runMs);
      warm[side].push(report.warmRunMs);
    }
  }
  return [
    { times: warm, name: `30 tasks at ${callMs} ms/call, warm process (median of ${repetitions})` },
    { times: cold, name: `30 tasks at ${callMs} ms/call, fresh process (median of ${repetitions})` },
  ].flatMap(({ times, name }) =>
    (['deepswarm', 'cookbook', 'all-at-once'] as const).map((side) => ({
      name,
      unit: 'ms',
      baselineName: baselineNames[side],
      swarm: median(times.swarm),
      baseline: median(times[side]),
      target: { on: 'swarm', atMost: 600 },
    })),
  );
}
