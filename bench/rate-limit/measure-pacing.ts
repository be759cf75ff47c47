import type { LimitShape, RequestLogEntry } from '../../src/simulator/index.ts';
import { bucketCapacity, bucketEmptiedAtMs } from './bucket-emptied-at-ms.ts';
import { bucketLevelAtMs } from './bucket-level-at-ms.ts';
import { measureWindow, rateLimitedPercent } from './measure-window.ts';

const minimumSpanMs = 1000;

/** How a client paced itself against one request limit, read from the provider's request log. */
export interface PacingMeasures {
  received: number;
  admitted: number;
  rateLimited: number;
  /** From the first request to the last admitted one. */
  spanMs: number;
  /**
   * Admitted requests as a share of the most the bucket could admit over the span (what it held
   * at the start plus its refill). Undefined when the limit cannot bind: every row fits in what the
   * bucket holds at the start (a minute-sized bucket larger than the run; compare wall times
   * instead), or the span is under a second.
   */
  limitUsedPercent: number | undefined;
  /** 429s as a share of every request of the run. */
  rateLimitedPercent: number;
  /**
   * The same two (use against the bucket's level when the window opens plus its refill) from
   * `learningMs` after the first request (or from when the client first emptied
   * the bucket, if later) to the last admitted request; undefined when that leaves under
   * `minimumSteadyMs`, or when the limit cannot bind.
   */
  steady: { fromMs: number; toMs: number; limitUsedPercent: number; rateLimitedPercent: number } | undefined;
}

/** Reads `log` (one client, one key, a pass of `rows` rows) against a request limit of `requestsPerMinute` enforced in `shape`. */
export function measurePacing(
  log: RequestLogEntry[],
  {
    requestsPerMinute,
    shape,
    rows,
    learningMs = 10_000,
    minimumSteadyMs = 5_000,
  }: { requestsPerMinute: number; shape: LimitShape; rows: number; learningMs?: number; minimumSteadyMs?: number },
): PacingMeasures {
  const whole = measureWindow(log, -Infinity, Infinity);
  const firstMs = log[0]?.atMs ?? 0;
  const admittedAt = log.filter(isAdmitted).map((entry) => entry.atMs);
  const lastAdmittedMs = admittedAt.at(-1) ?? firstMs;
  const spanMs = lastAdmittedMs - firstMs;
  const perMs = requestsPerMinute / 60_000;
  const capacity = bucketCapacity(requestsPerMinute, shape);
  const canBind = rows > capacity;
  const allowed = capacity + perMs * spanMs;
  const steadyFromMs = Math.max(firstMs + learningMs, bucketEmptiedAtMs(log, requestsPerMinute, shape) ?? -Infinity);
  let steady: PacingMeasures['steady'];
  if (canBind && lastAdmittedMs - steadyFromMs >= minimumSteadyMs) {
    // The last admitted request closes the window, so it is counted in it.
    const counts = measureWindow(log, steadyFromMs, lastAdmittedMs + 1);
    // What the bucket held when the window opened was usable in it too (after a pause, say).
    const steadyAllowed = bucketLevelAtMs(log, requestsPerMinute, shape, steadyFromMs) + perMs * (lastAdmittedMs - steadyFromMs);
    steady = {
      fromMs: steadyFromMs - firstMs,
      toMs: lastAdmittedMs - firstMs,
      limitUsedPercent: (100 * counts.admitted) / steadyAllowed,
      rateLimitedPercent: rateLimitedPercent(counts),
    };
  }
  return {
    received: whole.received,
    admitted: whole.admitted,
    rateLimited: whole.rateLimited,
    spanMs,
    limitUsedPercent: !canBind || spanMs < minimumSpanMs ? undefined : (100 * whole.admitted) / allowed,
    rateLimitedPercent: rateLimitedPercent(whole),
    steady,
  };
}

/**
 * How long after the first request the client first had a whole second (sliding in `stepMs`)
 * in which the provider admitted at least `fraction` of the limit's rate; the second's end, in ms.
 * Infinity when it never did.
 */
export function timeToLimitFractionMs(log: RequestLogEntry[], { requestsPerMinute, fraction, stepMs = 100 }: { requestsPerMinute: number; fraction: number; stepMs?: number }): number {
  const admittedAt = log.filter(isAdmitted).map((entry) => entry.atMs);
  const firstMs = log[0]?.atMs;
  if (firstMs === undefined) return Infinity;
  const needed = (fraction * requestsPerMinute) / 60;
  let windowStart = 0;
  for (let fromMs = firstMs; fromMs <= (admittedAt.at(-1) ?? firstMs); fromMs += stepMs) {
    while (windowStart < admittedAt.length && admittedAt[windowStart]! < fromMs) windowStart++;
    let windowEnd = windowStart;
    while (windowEnd < admittedAt.length && admittedAt[windowEnd]! < fromMs + 1000) windowEnd++;
    if (windowEnd - windowStart >= needed) return fromMs + 1000 - firstMs;
  }
  return Infinity;
}

/** Requests sent, admitted and refused in each second from the first request. */
export function perSecondTimeline(log: RequestLogEntry[]): Array<{ second: number; sent: number; admitted: number; rateLimited: number }> {
  const firstMs = log[0]?.atMs ?? 0;
  const seconds: Array<{ second: number; sent: number; admitted: number; rateLimited: number }> = [];
  for (const entry of log) {
    const second = Math.floor((entry.atMs - firstMs) / 1000);
    while (seconds.length <= second) seconds.push({ second: seconds.length, sent: 0, admitted: 0, rateLimited: 0 });
    const row = seconds[second]!;
    row.sent++;
    if (isAdmitted(entry)) row.admitted++;
    if (entry.status === 429) row.rateLimited++;
  }
  return seconds;
}

function isAdmitted(entry: RequestLogEntry): boolean {
  return entry.status === 200 || entry.status === 0;
}
