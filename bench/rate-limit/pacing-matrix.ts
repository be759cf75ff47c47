/**
 * The pacing matrix: how much of a request limit each client uses and how often it is refused,
 * against limits enforced per second (a bucket of limit/60 refilled continuously, as OpenAI and
 * Anthropic document they may enforce them) and per minute (a bucket holding the whole minute),
 * with and without limit headers. Every case runs Swarm and both baselines (DeepSwarm pool,
 * cookbook loop), each in its own process against its own simulator (OpenAI dialect), at once.
 *
 * - 600/min, calls 200–400 ms, 360 rows; 60/min, the same calls, 90 rows (a case takes ~90 s
 *   enforced per second; 360 rows would take 6 minutes). Each for both shapes, headers on and off
 *   (off: an OpenAI-compatible server that states no limit: no headers, 429s with a bare message
 *   and retry-after). The four variants of a limit run at once, 3 s apart.
 * - 30,000/min (500/s), calls 1–2 s, 5,000 rows, headers on, both shapes one after the other: time
 *   until the client first has a second at ≥ 90 % of the limit, and use. The baselines (16
 *   workers) are stopped after 60 s.
 * - Two processes on one key at 120/min, calls 200–400 ms, 100 rows each: two `swarm run` CLI
 *   processes sharing one store (the baselines: two copies of their script), both shapes.
 *
 * A client still running twice the ideal run plus a minute after it started (180 s for the two
 * processes) is stopped; its rows left count as unanswered.
 *
 * Use: admitted requests over what the bucket could admit from the first request to the last
 * admitted one (its start plus its refill); n/a when every row fits in the bucket's start (a
 * minute-sized bucket larger than the run: compare wall times). Steady state: from 10 s in, or
 * from when the client first emptied the bucket if later, to the last admitted request; its use
 * is against what the bucket held when it began plus its refill.
 * Targets (DESIGN.md): use ≥ 95 % with limits known from headers, ≥ 80 % unknown; 429s ≤ 0.5 % in
 * steady state and ≤ 1 % over a whole run; 0 rows failed or left unanswered.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LimitShape } from '../../src/simulator/index.ts';
import type { BenchContext } from '../support/bench-context.ts';
import type { Metric, Target } from '../support/metric.ts';
import { timeToLimitFractionMs } from './measure-pacing.ts';
import { idealRunMs, parseLatency, runPacingCase, type PacingCase, type PacingRun } from './run-pacing-case.ts';
import { runSharedKeyCase, type SharedKeyRun } from './run-shared-key-case.ts';

const sides = ['swarm', 'deepswarm', 'cookbook'] as const;
type ComparedSide = (typeof sides)[number];
const baselines: Array<{ side: Exclude<ComparedSide, 'swarm'>; name: string }> = [
  { side: 'deepswarm', name: 'DeepSwarm pool' },
  { side: 'cookbook', name: 'cookbook loop' },
];
const shapes: LimitShape[] = ['per-second', 'per-minute'];
const shortCalls = parseLatency('200-400');
const longCalls = parseLatency('1000-2000');
const startSpacingMs = 3_000;
const rowsPerProcess = 100;

/** What one case measured for every side, as metric lines (one per baseline). */
type Measure = { name: string; unit: string; target?: Target; of: (side: ComparedSide) => number | undefined };

/** Runs the pacing matrix and returns its metrics. */
export async function pacingMatrix({ workDir, profileDir, traceDir }: BenchContext): Promise<Metric[]> {
  const metrics: Metric[] = [];
  for (const requestsPerMinute of [600, 60]) {
    const variants = shapes.flatMap((shape) => [true, false].map((headers) => ({ requestsPerMinute, shape, headers })));
    const runs = await Promise.all(
      variants.map(async (variant, index) => {
        await sleep(index * startSpacingMs);
        const pacingCase: PacingCase = { ...variant, rows: requestsPerMinute === 600 ? 360 : 90, latency: shortCalls };
        return { pacingCase, runs: await runSides(pacingCase, caseLabel(pacingCase)) };
      }),
    );
    for (const { pacingCase, runs: sideRuns } of runs) metrics.push(...pacingMetrics(caseLabel(pacingCase), pacingCase, sideRuns));
  }

  for (const shape of shapes) {
    const pacingCase: PacingCase = { requestsPerMinute: 30_000, shape, headers: true, rows: 5_000, latency: longCalls };
    const label = caseLabel(pacingCase);
    const runs = await runSides(pacingCase, label, { baselineDurationMs: 60_000 });
    const timeTo90 = (side: ComparedSide) => timeToLimitFractionMs(runs[side].log, { requestsPerMinute: 30_000, fraction: 0.9 }) / 1000;
    metrics.push(
      ...toMetrics([{ name: `${label}: time to a second at ≥ 90 % of the limit`, unit: 's', target: { on: 'swarm', atMost: 5 }, of: timeTo90 }]),
      ...pacingMetrics(label, pacingCase, runs),
    );
  }

  const sharedRuns = await Promise.all(
    shapes.map(async (shape, index) => {
      await sleep(index * startSpacingMs);
      const sharedKeyCase = { requestsPerMinute: 120, shape, rowsPerProcess, latency: shortCalls, durationMs: 180_000 };
      const label = `two processes on one key, 120/min ${shape}, 2 × ${rowsPerProcess} rows`;
      const runs = await Promise.all(sides.map((side) => runSharedKeyCase(side, sharedKeyCase, { workDir, label: slug(`${label}-${side}`) })));
      return { label, runs: Object.fromEntries(sides.map((side, sideIndex) => [side, runs[sideIndex]!])) as Record<ComparedSide, SharedKeyRun> };
    }),
  );
  for (const { label, runs } of sharedRuns) {
    for (const report of runs.swarm.reports) {
      if (report.stopped !== undefined) process.stderr.write(`note: ${label}: a swarm run process stopped (${report.stopped})\n`);
    }
    const failed = (side: ComparedSide) => runs[side].reports.reduce((sum, report) => sum + (rowsPerProcess - report.completed), 0);
    metrics.push(
      ...toMetrics([
        { name: `${label}: limit used, whole run`, unit: '%', target: { on: 'swarm', atLeast: 95 }, of: (side) => runs[side].measures.limitUsedPercent },
        { name: `${label}: 429s, whole run`, unit: '%', target: { on: 'swarm', atMost: 1 }, of: (side) => runs[side].measures.rateLimitedPercent },
        { name: `${label}: 429s / requests`, unit: 'calls', of: (side) => runs[side].measures.rateLimited },
        { name: `${label}: rows failed or unanswered`, unit: 'rows', target: { on: 'swarm', atMost: 0 }, of: failed },
        { name: `${label}: wall time, slower process`, unit: 's', of: (side) => Math.max(...runs[side].reports.map((report) => report.runMs)) / 1000 },
      ]),
    );
  }
  return metrics;

  async function runSides(pacingCase: PacingCase, label: string, { baselineDurationMs }: { baselineDurationMs?: number } = {}) {
    const runs = await Promise.all(
      sides.map((side) =>
        runPacingCase(side, { ...pacingCase, durationMs: side === 'swarm' ? undefined : baselineDurationMs }, { workDir, profileDir, traceDir, label: slug(`${label}-${side}`) }),
      ),
    );
    for (const [index, run] of runs.entries()) {
      if (run.report.stopped !== undefined) process.stderr.write(`note: ${label}: ${sides[index]} stopped (${run.report.stopped})\n`);
    }
    return Object.fromEntries(sides.map((side, index) => [side, runs[index]!])) as Record<ComparedSide, PacingRun>;
  }
}

/** The metrics every pacing case reports. */
function pacingMetrics(label: string, pacingCase: PacingCase, runs: Record<ComparedSide, PacingRun>): Metric[] {
  const useTarget: Target = { on: 'swarm', atLeast: pacingCase.headers ? 95 : 80 };
  const unanswered = (side: ComparedSide) => pacingCase.rows - runs[side].report.completed;
  return toMetrics([
    { name: `${label}: limit used, whole run`, unit: '%', target: useTarget, of: (side) => runs[side].measures.limitUsedPercent },
    { name: `${label}: limit used, steady state`, unit: '%', target: useTarget, of: (side) => runs[side].measures.steady?.limitUsedPercent },
    { name: `${label}: 429s, steady state`, unit: '%', target: { on: 'swarm', atMost: 0.5 }, of: (side) => runs[side].measures.steady?.rateLimitedPercent },
    { name: `${label}: 429s, whole run`, unit: '%', target: { on: 'swarm', atMost: 1 }, of: (side) => runs[side].measures.rateLimitedPercent },
    { name: `${label}: rows failed or unanswered`, unit: 'rows', target: { on: 'swarm', atMost: 0 }, of: unanswered },
    {
      name: `${label}: wall time (ideal ${(idealRunMs(pacingCase) / 1000).toFixed(0)} s + a call)`,
      unit: 's',
      of: (side) => runs[side].report.runMs / 1000,
    },
  ]);
}

/** One metric line per baseline for each measure Swarm has a figure for; a baseline without one shows as NaN. */
function toMetrics(measures: Measure[]): Metric[] {
  return measures.flatMap(({ name, unit, target, of }) => {
    const swarm = of('swarm');
    if (swarm === undefined) return [];
    return baselines.map(({ side, name: baselineName }) => ({ name, unit, target, baselineName, swarm, baseline: of(side) ?? Number.NaN }));
  });
}

function caseLabel({ requestsPerMinute, shape, headers, rows }: PacingCase): string {
  return `${requestsPerMinute.toLocaleString('en-US')}/min ${shape}, headers ${headers ? 'on' : 'off'}, ${rows.toLocaleString('en-US')} rows`;
}

function slug(text: string): string {
  return text.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
}
