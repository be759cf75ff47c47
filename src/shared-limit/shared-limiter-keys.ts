/** The Redis keys of one provider key's shared limiter. */
export interface SharedLimiterKeys {
  /** A hash: limits, buckets, park, calls in flight, adaptive concurrency. */
  state: string;
  /** A hash: each process's calls in flight and last beat. */
  holders: string;
  /** A hash: units sent per 50 ms, calls accepted per second (to read a provider's `remaining`). */
  log: string;
}

/** The keys of limiter `limiterKey` under `prefix`. */
export function sharedLimiterKeys(prefix: string, limiterKey: string): SharedLimiterKeys {
  const state = `${prefix}:limiter:${limiterKey}`;
  return { state, holders: `${state}:holders`, log: `${state}:log` };
}

/** The pattern matching every limiter's state key under `prefix` (for `SCAN`). */
export function sharedLimiterPattern(prefix: string): string {
  return `${prefix}:limiter:*`;
}
