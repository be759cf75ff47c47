import type { LimitShape, RequestLogEntry } from '../../src/simulator/index.ts';

/**
 * When a client first emptied the simulator's continuous request bucket (epoch ms), replayed
 * from its request log: the bucket (a minute of the limit, or a second of it for `per-second`,
 * at least one request) starts full at the first request, refills at the limit per minute, and
 * every admitted request takes one. Undefined if it never did. Before then a client is spending
 * the capacity it was given at the start, not its steady rate.
 */
export function bucketEmptiedAtMs(log: RequestLogEntry[], requestsPerMinute: number, shape: LimitShape = 'per-minute'): number | undefined {
  const first = log[0];
  if (first === undefined) return undefined;
  const capacity = bucketCapacity(requestsPerMinute, shape);
  let level = capacity;
  let atMs = first.atMs;
  for (const entry of log) {
    level = Math.min(capacity, level + ((entry.atMs - atMs) * requestsPerMinute) / 60_000);
    atMs = entry.atMs;
    if (entry.status === 429 || level < 1) return entry.atMs;
    if (entry.status === 200 || entry.status === 0) level -= 1;
  }
  return undefined;
}

/** How many requests the simulator's bucket holds for a per-minute limit in `shape`. */
export function bucketCapacity(requestsPerMinute: number, shape: LimitShape): number {
  return shape === 'per-second' ? Math.max(1, requestsPerMinute / 60) : requestsPerMinute;
}
