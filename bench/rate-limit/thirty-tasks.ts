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
 *
 * Swarm sends one call first on a key it knows nothing of (a provider enforcing its limit per
 * second refuses a burst; issue 8), then doubles per round trip, and remembers in its store what
 * the key took. So its repetitions share one store and one simulator address (one key, as on a
 * user's machine after the first run), and the first run ever on the key is measured on its own
 * before them: five round trips, with no target.
 */
import { freePort } from '../../test/support/free-port.ts';
import type { BenchContext } from '../support/bench-context.ts';
import { median } from '../support/median.ts';
import type { Metric } from '../support/metric.ts';
import { runSide, type Side } from './run-side.ts';

const rows = 30;
const callMs = 500;
const repetitions = 3;
const sides: Side[] = ['swarm', 'deepswarm', 'cookbook', 'all-at-once'];
const baselineNames = { deepswarm: 'DeepSwarm pool', cookbook: 'cookbook loop', 'all-at-once': 'AI SDK alone, all at once' } as const;
const swarmStore = 'thirty-tasks-swarm-store';

/** Runs the 30-task benchmark and returns its metrics. */
export async function thirtyTasks({ workDir, profileDir }: BenchContext): Promise<Metric[]> {
  const cold: Record<Side, number[]> = { swarm: [], deepswarm: [], cookbook: [], 'all-at-once': [] };
  const warm: Record<Side, number[]> = { swarm: [], deepswarm: [], cookbook: [], 'all-at-once': [] };
  const swarmPort = await freePort();
  const run = async (side: Side, label: string, repetition: number) => {
    const { report } = await runSide(side, {
      workDir,
      profileDir,
      label,
      limits: {},
      latency: { firstTokenMs: callMs },
      rows,
      durationMs: 60_000,
      // DeepSwarm's "auto" stagger: call duration / workers × 2.
      staggerMs: (callMs / 16) * 2,
      repeat: true,
      ...(side === 'swarm' ? { port: swarmPort, storeName: swarmStore, firstRow: repetition * 2 * rows } : {}),
    });
    if (report.completed !== rows || report.warmRunMs === undefined) {
      throw new Error(`${side} answered ${report.completed} of ${rows} rows in the 30-task benchmark`);
    }
    return { cold: report.runMs, warm: report.warmRunMs };
  };
  const firstEver = await run('swarm', 'thirty-tasks-swarm-first-ever', 0);
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    for (const side of sides) {
      const times = await run(side, `thirty-tasks-${side}-${repetition}`, repetition);
      cold[side].push(times.cold);
      warm[side].push(times.warm);
    }
  }
  const lines = (times: Record<Side, number[]>, name: string, swarm: number, target: boolean): Metric[] =>
    (['deepswarm', 'cookbook', 'all-at-once'] as const).map((side) => ({
      name,
      unit: 'ms',
      baselineName: baselineNames[side],
      swarm,
      baseline: median(times[side]),
      ...(target ? { target: { on: 'swarm' as const, atMost: 600 } } : {}),
    }));
  return [
    ...lines(warm, `30 tasks at ${callMs} ms/call, warm process (median of ${repetitions})`, median(warm.swarm), true),
    ...lines(cold, `30 tasks at ${callMs} ms/call, fresh process, key seen before (median of ${repetitions})`, median(cold.swarm), true),
    ...lines(cold, `30 tasks at ${callMs} ms/call, fresh process, first run ever on the key`, firstEver.cold, false),
  ];
}
