/** How DeepSwarm's "auto" settings split a job, from one measured calibration call. */
export interface DeepSwarmPlan {
  workers: number;
  /** Worker i starts i × this after the first. */
  staggerMs: number;
  /** Seeds per worker: a fixed, consecutive slice each (the last may be shorter). */
  batchSize: number;
}

/**
 * DeepSwarm's auto-optimization, steps 2–4: workers = min(8, floor(rate_limit / call_duration)),
 * stagger = call_duration / workers × 2, batch_size = total / workers (rounded up so every seed
 * has a worker). The seed does not give the formula's units; with the rate limit in requests per
 * second and the duration in seconds, any provider allowing more than 8 calls per call duration
 * gets the cap of 8.
 */
export function deepSwarmPlan({ callMs, requestsPerMinute, total }: { callMs: number; requestsPerMinute: number; total: number }): DeepSwarmPlan {
  const workers = Math.max(1, Math.min(8, Math.floor(requestsPerMinute / 60 / (callMs / 1000))));
  return { workers, staggerMs: (callMs / workers) * 2, batchSize: Math.ceil(total / workers) };
}
