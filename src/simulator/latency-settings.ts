/** A log-normal distribution given by its median and 90th percentile, in milliseconds. */
export interface LogNormalMs {
  median: number;
  p90: number;
}

/** How long calls take. The defaults answer at once, which keeps tests fast. */
export interface LatencySettings {
  /** Time to first token: a fixed number of milliseconds or a log-normal distribution. Default 0. */
  firstTokenMs?: number | LogNormalMs;
  /** Output speed after the first token. Default Infinity: the rest of the answer comes at once. */
  tokensPerSecond?: number;
  /** Fraction of calls (0–1) that are slow: first token and generation take `slowFactor` times longer. Default 0. */
  slowFraction?: number;
  /** How much longer a slow call takes. Default 10. */
  slowFactor?: number;
}
