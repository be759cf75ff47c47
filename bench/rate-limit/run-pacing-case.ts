import type { LimitDisclosure, LimitShape, LogNormalMs } from '../../src/simulator/index.ts';
import { bucketCapacity } from './bucket-emptied-at-ms.ts';
import { measurePacing, type PacingMeasures } from './measure-pacing.ts';
import { runSide, type Side, type SideRun } from './run-side.ts';

/** One pacing case: a request limit, how it is enforced and told, and the work thrown at it. */
export interface PacingCase {
  requestsPerMinute: number;
  shape: LimitShape;
  /** Limit headers and 429s that state the limit; without, an OpenAI-compatible server that tells only the wait. */
  headers: boolean;
  /** Without headers, whether 429s still carry `retry-after`. Default true. */
  retryAfter?: boolean;
  rows: number;
  /** Call latency (time to first token; the rest of the answer comes at once). */
  latency: LogNormalMs;
  /** The client is stopped this long after its first call. Default: twice the ideal run, plus a minute. */
  durationMs?: number;
}

/** A client's run of a pacing case, with what its provider saw and how it paced. */
export interface PacingRun extends SideRun {
  measures: PacingMeasures;
  durationMs: number;
}

/** Runs one client (in its own process, against its own simulator) through `pacingCase`. */
export async function runPacingCase(
  side: Side,
  pacingCase: PacingCase,
  context: { workDir: string; label: string; profileDir?: string; traceDir?: string },
): Promise<PacingRun> {
  const { requestsPerMinute, shape, rows, latency } = pacingCase;
  const durationMs = pacingCase.durationMs ?? 2 * idealRunMs(pacingCase) + 60_000;
  const run = await runSide(side, {
    ...context,
    limits: { requestsPerMinute },
    latency: { firstTokenMs: latency },
    limitShape: shape,
    limitDisclosure: disclosureOf(pacingCase),
    rows,
    durationMs,
    // DeepSwarm's "auto" stagger: call duration / workers × 2.
    staggerMs: (latency.median / 16) * 2,
  });
  return { ...run, durationMs, measures: measurePacing(run.log, { requestsPerMinute, shape, rows }) };
}

/** How long a client that wastes nothing needs to have every row admitted: the bucket's start, then its refill. */
export function idealRunMs({ requestsPerMinute, shape, rows }: PacingCase): number {
  return (Math.max(0, rows - bucketCapacity(requestsPerMinute, shape)) * 60_000) / requestsPerMinute;
}

/** What the simulator tells of the limits in a case. */
export function disclosureOf({ headers, retryAfter = true }: PacingCase): LimitDisclosure {
  return headers ? 'full' : retryAfter ? 'retry-after' : 'nothing';
}

/** A latency given as `200-400` (a log-normal with those 10th and 90th percentiles) or `300` (fixed), in ms. */
export function parseLatency(text: string): LogNormalMs {
  const range = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(text.trim());
  if (range === null) throw new Error(`--latency ${text}: expected milliseconds, like 300 or 200-400`);
  const low = Number(range[1]);
  const high = range[2] === undefined ? low : Number(range[2]);
  if (!(high >= low)) throw new Error(`--latency ${text}: the range must not go down`);
  // A log-normal is symmetric in log space: the median is the geometric mean of its 10th and 90th percentiles.
  return { median: Math.sqrt(low * high), p90: high };
}

/** A latency as `parseLatency` reads it. */
export function formatLatency({ median, p90 }: LogNormalMs): string {
  return median === p90 ? `${median} ms` : `${Math.round((median * median) / p90)}–${p90} ms (log-normal, 10th–90th percentile)`;
}
