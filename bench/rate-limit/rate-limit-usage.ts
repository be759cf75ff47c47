/**
 * How much of a provider's binding limit Swarm uses, how often it is refused, and how fast it
 * settles when the limit is halved, beside the two recipes a user would otherwise follow (see
 * `deepswarm-pool.ts` and `cookbook-loop.ts`). Every client runs in its own process against its
 * own provider simulator at 1,200 requests/min with calls of ~100 ms (log-normal, p90 200 ms), so
 * the request limit binds for all three: 16 workers would send ~8× the limit. The OpenAI
 * scenarios run twice: with the limit enforced per second (a bucket of 20 refilled at 20 a second,
 * as OpenAI documents it may enforce limits) and per minute (a bucket of 1,200 that starts full);
 * each line names its shape.
 *
 * - Limits known (OpenAI dialect: `x-ratelimit-*` headers stating the minute's limit, 429s with
 *   `retry-after`). Steady state is 20–40 s after the first request, once every client has spent
 *   the bucket's initial capacity (per minute, the pool, at ~160 calls/s, takes ~9 s; a warning
 *   says when a client had not). Targets: ≥ 95 % of the limit used; ≤ 0.5 % 429s.
 * - Halved: 40 s into the same run the limit drops to 600/min. The simulator keeps what was used,
 *   so per minute a client at its limit is refused for a whole minute (the new bucket is 600 in
 *   debt) however it behaves; per second, for half a second. Measured: time from the change until,
 *   for the rest of the run (95 s after the change), 429s stay ≤ 0.5 % of requests and ≥ 90 % of
 *   the new limit is used (see `convergenceMs`); ∞ when that never happens. Target ≤ 2 reset
 *   windows (60 s each: the minute the headers speak of). Also shown: 429s after the change, and
 *   the new limit's use in the run's last 20 s.
 * - Limits unknown: the same OpenAI provider stating no limit (`limitDisclosure: 'retry-after'`):
 *   no limit headers, 429s with a bare message and `retry-after`, so nothing tells the limit.
 *   Target: ≥ 80 % of the limit used within 60 s, read over 40–60 s; 429s over the same 20 s
 *   against the steady-state target.
 * - Gemini dialect (once: its fixed windows are the same in both shapes): no limit headers at
 *   all, the wait only in the 429 body, and fixed one-minute windows that reset at once. Any
 *   client that keeps sending uses a whole window, so use says little; the 429s of the second
 *   window (the first is spent finding the quota) are held to the steady-state target.
 * - Rows failed, over all runs of a shape: target 0 (no row may fail because of a 429).
 *
 * The scenarios of a shape overlap, started 0, 10 and 20 s apart so that the bursts of their
 * first seconds do not compete for the CPU (each run waits on the clock, not the CPU afterwards);
 * each shape takes ~2¼ minutes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LimitShape } from '../../src/simulator/index.ts';
import type { BenchContext } from '../support/bench-context.ts';
import type { Metric, Target } from '../support/metric.ts';
import { bucketEmptiedAtMs } from './bucket-emptied-at-ms.ts';
import { convergenceMs } from './convergence-ms.ts';
import { limitUsedPercent, measureWindow, rateLimitedPercent } from './measure-window.ts';
import { runSide, type Side, type SideRun } from './run-side.ts';

const requestsPerMinute = 1200;
const halvedRequestsPerMinute = 600;
const latency = { firstTokenMs: { median: 100, p90: 200 } };
const steady = { fromMs: 20_000, toMs: 40_000 };
const halveAtMs = 40_000;
const knownDurationMs = halveAtMs + 95_000;
const unknownDurationMs = 60_000;
const unknownWindow = { fromMs: 40_000, toMs: 60_000 };
// The simulator's Gemini windows start at the first request and reset all at once every minute.
const geminiWindow = { fromMs: 60_000, toMs: 120_000 };
const geminiDurationMs = 125_000;
// The simulator's per-minute bucket refills over this long: one reset window.
const resetWindowMs = 60_000;
const steadyRateLimitedPercent = 0.5;
// More rows than any client can finish in its run.
const rows = 8_000;

const baselines: Array<{ side: Exclude<Side, 'swarm'>; name: string }> = [
  { side: 'deepswarm', name: 'DeepSwarm pool' },
  { side: 'cookbook', name: 'cookbook loop' },
];
const sides: Side[] = ['swarm', 'deepswarm', 'cookbook'];

/**
 * Runs the rate-limit benchmark and returns its metrics: the OpenAI scenarios with the limit
 * enforced per second, then per minute (each metric's name says which), Gemini once with the first.
 */
export async function rateLimitUsage(context: BenchContext): Promise<Metric[]> {
  return [...(await runScenarios(context, 'per-second')), ...(await runScenarios(context, 'per-minute'))];
}

async function runScenarios({ workDir, profileDir, traceDir }: BenchContext, shape: LimitShape): Promise<Metric[]> {
  // Every side of a scenario at once, against simulators that differ only in what `options` say.
  const scenario = async (name: string, startAfterMs: number, options: { durationMs: number } & Partial<Parameters<typeof runSide>[1]>) => {
    await sleep(startAfterMs);
    const runs = await Promise.all(
      sides.map((side) =>
        runSide(side, {
          workDir,
          profileDir,
          traceDir,
          label: `rate-limit-${name}-${shape}-${side}`,
          limits: { requestsPerMinute },
          limitShape: shape,
          latency,
          rows,
          staggerMs: deepSwarmStaggerMs(latency.firstTokenMs.median),
          ...options,
        }),
      ),
    );
    return Object.fromEntries(sides.map((side, index) => [side, runs[index]!])) as Record<Side, SideRun>;
  };
  // Gemini's fixed windows are per minute whatever the shape: run once.
  const [knownRuns, unknownRuns, geminiRuns] = await Promise.all([
    scenario('known', 0, { durationMs: knownDurationMs, change: { afterMs: halveAtMs, limits: { requestsPerMinute: halvedRequestsPerMinute } } }),
    scenario('unknown', 20_000, { durationMs: unknownDurationMs, limitDisclosure: 'retry-after' }),
    shape === 'per-second' ? scenario('gemini', 10_000, { durationMs: geminiDurationMs, provider: 'google' }) : undefined,
  ]);

  for (const [label, runs, fromMs] of [['limits known', knownRuns, steady.fromMs], ['limits unknown', unknownRuns, unknownWindow.fromMs]] as const) {
    for (const side of sides) {
      const emptiedAtMs = bucketEmptiedAtMs(runs[side].log, requestsPerMinute, shape);
      if (emptiedAtMs === undefined || emptiedAtMs > runs[side].firstRequestMs + fromMs) {
        process.stderr.write(`warning: ${side} (${label}, ${shape}) had not yet spent the bucket's initial capacity ${fromMs / 1000} s in; its use figure includes it\n`);
      }
    }
  }
  const window = (run: SideRun, { fromMs, toMs }: { fromMs: number; toMs: number }) =>
    measureWindow(run.log, run.firstRequestMs + fromMs, run.firstRequestMs + toMs);
  const afterHalving = { fromMs: halveAtMs, toMs: knownDurationMs };
  const lastTwentySeconds = { fromMs: knownDurationMs - 20_000, toMs: knownDurationMs };
  const measures: Array<{ name: string; unit: string; target?: Target; runs: Record<Side, SideRun> | undefined; of: (run: SideRun) => number }> = [
    {
      name: 'limit used, limits known (20–40 s)',
      unit: '%',
      target: { on: 'swarm', atLeast: 95 },
      runs: knownRuns,
      of: (run) => limitUsedPercent(window(run, steady), requestsPerMinute, steady.toMs - steady.fromMs),
    },
    {
      name: '429s / requests, limits known (20–40 s)',
      unit: '%',
      target: { on: 'swarm', atMost: steadyRateLimitedPercent },
      runs: knownRuns,
      of: (run) => rateLimitedPercent(window(run, steady)),
    },
    {
      name: 'settled after the limit is halved (at 40 s)',
      unit: 's',
      target: { on: 'swarm', atMost: (2 * resetWindowMs) / 1000 },
      runs: knownRuns,
      of: (run) =>
        convergenceMs(run.log, {
          changedAtMs: run.changedAtMs ?? Number.POSITIVE_INFINITY,
          endMs: run.firstRequestMs + knownDurationMs,
          requestsPerMinute: halvedRequestsPerMinute,
          steadyRateLimitedPercent,
          minimumLimitUsedPercent: 90,
          settledForMs: 15_000,
        }) / 1000,
    },
    {
      name: '429s / requests after the halving (40–135 s)',
      unit: '%',
      runs: knownRuns,
      of: (run) => rateLimitedPercent(window(run, afterHalving)),
    },
    {
      name: 'halved limit used (115–135 s)',
      unit: '%',
      runs: knownRuns,
      of: (run) => limitUsedPercent(window(run, lastTwentySeconds), halvedRequestsPerMinute, 20_000),
    },
    {
      name: 'limit used, limits unknown (40–60 s)',
      unit: '%',
      target: { on: 'swarm', atLeast: 80 },
      runs: unknownRuns,
      of: (run) => limitUsedPercent(window(run, unknownWindow), requestsPerMinute, unknownWindow.toMs - unknownWindow.fromMs),
    },
    {
      name: '429s / requests, limits unknown (40–60 s)',
      unit: '%',
      target: { on: 'swarm', atMost: steadyRateLimitedPercent },
      runs: unknownRuns,
      of: (run) => rateLimitedPercent(window(run, unknownWindow)),
    },
    {
      name: 'limit used, Gemini, 2nd window (60–120 s)',
      unit: '%',
      runs: geminiRuns,
      of: (run) => limitUsedPercent(window(run, geminiWindow), requestsPerMinute, resetWindowMs),
    },
    {
      name: '429s / requests, Gemini, 1st window (0–60 s)',
      unit: '%',
      runs: geminiRuns,
      of: (run) => rateLimitedPercent(window(run, { fromMs: 0, toMs: resetWindowMs })),
    },
    {
      name: '429s / requests, Gemini, 2nd window (60–120 s)',
      unit: '%',
      target: { on: 'swarm', atMost: steadyRateLimitedPercent },
      runs: geminiRuns,
      of: (run) => rateLimitedPercent(window(run, geminiWindow)),
    },
  ];
  const failedRows = (side: Side) => knownRuns[side].report.failed + unknownRuns[side].report.failed + (geminiRuns?.[side].report.failed ?? 0);
  // Gemini's lines are the same for both shapes: unnamed by shape.
  const named = (name: string, runs: Record<Side, SideRun> | undefined) => (runs === geminiRuns ? name : `${name}, ${shape}`);
  return [
    ...measures.flatMap(({ name, unit, target, runs, of }) =>
      runs === undefined
        ? []
        : baselines.map(({ side, name: baselineName }) => ({ name: named(name, runs), unit, target, baselineName, swarm: of(runs.swarm), baseline: of(runs[side]) })),
    ),
    ...baselines.map(({ side, name: baselineName }) => ({
      name: `rows failed (all runs), ${shape}`,
      unit: 'rows',
      target: { on: 'swarm', atMost: 0 } satisfies Target,
      baselineName,
      swarm: failedRows('swarm'),
      baseline: failedRows(side),
    })),
  ];
}

/** DeepSwarm's "auto" stagger: call duration / workers × 2, with the duration measured exactly. */
function deepSwarmStaggerMs(callMs: number): number {
  return (callMs / 16) * 2;
}
