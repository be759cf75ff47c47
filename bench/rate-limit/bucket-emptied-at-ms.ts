import type { RequestLogEntry } from '../../src/simulator/index.ts';

/**
 * When a client first emptied the simulator's continuous request bucket (epoch ms), replayed
 * from its request log: the bucket starts full at the first request, refills at the limit per
 * minute, and every admitted request takes one. Undefined if it never did. Before then a client
 * is spending the minute of capacity it was given at the start, not its steady rate.
 */
export function bucketEmptiedAtMs(log: RequestLogEntry[], requestsPerMinute: number): number | undefined {
  const first = log[0];
  if (first === undefined) return undefined;
  let level = requestsPerMinute;
  let atMs = first.atMs;
  for (const entry of log) {
    level = Math.min(requestsPerMinute, level + ((entry.atMs - atMs) * requestsPerMinute) / 60_000);
    atMs = entry.atMs;
    if (entry.status === 429 || level < 1) return entry.atMs;
    if (entry.status === 200 || entry.status === 0) level -= 1;
  }
  return undefined;
}
