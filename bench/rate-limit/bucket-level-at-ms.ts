import type { LimitShape, RequestLogEntry } from '../../src/simulator/index.ts';
import { bucketCapacity } from './bucket-emptied-at-ms.ts';

/**
 * What the simulator's request bucket held at `atMs` (epoch ms), replayed from a client's request
 * log as `bucketEmptiedAtMs` does: full at the first request, refilled at the limit per minute,
 * one taken by every admitted request. What a window starting then could use beyond its refill.
 */
export function bucketLevelAtMs(log: RequestLogEntry[], requestsPerMinute: number, shape: LimitShape, atMs: number): number {
  const capacity = bucketCapacity(requestsPerMinute, shape);
  let level = capacity;
  let lastMs = log[0]?.atMs ?? atMs;
  const refillTo = (toMs: number) => {
    level = Math.min(capacity, level + (Math.max(0, toMs - lastMs) * requestsPerMinute) / 60_000);
    lastMs = Math.max(lastMs, toMs);
  };
  for (const entry of log) {
    if (entry.atMs >= atMs) break;
    refillTo(entry.atMs);
    if (entry.status === 200 || entry.status === 0) level -= 1;
  }
  refillTo(atMs);
  return Math.max(0, level);
}
