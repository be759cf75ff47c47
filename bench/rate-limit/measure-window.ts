import type { RequestLogEntry } from '../../src/simulator/index.ts';

/** What the provider saw of one client between two instants. */
export interface WindowCounts {
  received: number;
  /** Admitted against the limits (answered, or cut short after admission). */
  admitted: number;
  rateLimited: number;
}

/** Counts the requests that arrived in [fromMs, toMs) (epoch milliseconds). */
export function measureWindow(log: RequestLogEntry[], fromMs: number, toMs: number): WindowCounts {
  const counts: WindowCounts = { received: 0, admitted: 0, rateLimited: 0 };
  for (const entry of log) {
    if (entry.atMs < fromMs || entry.atMs >= toMs) continue;
    counts.received++;
    if (entry.status === 429) counts.rateLimited++;
    else if (entry.status === 200 || entry.status === 0) counts.admitted++;
  }
  return counts;
}

/** Admitted requests as a percentage of what a per-minute limit allows over the window. */
export function limitUsedPercent(counts: WindowCounts, requestsPerMinute: number, windowMs: number): number {
  return (100 * counts.admitted) / ((requestsPerMinute * windowMs) / 60_000);
}

/** 429s as a percentage of the requests received (0 when none were). */
export function rateLimitedPercent(counts: WindowCounts): number {
  return counts.received === 0 ? 0 : (100 * counts.rateLimited) / counts.received;
}
