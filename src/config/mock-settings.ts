/** How the built-in mock model behaves; set in a spec (`mock:default?latencyMs=200`) or under `mock:` in config. */
export interface MockSettings {
  /** Milliseconds each call takes before answering. Default 0: answers without any timer. */
  latencyMs: number;
  /** Each call's latency varies uniformly by up to ± this many milliseconds (never below 0). Default 0. */
  jitterMs: number;
  /** Fraction of calls (0–1) that fail with a retryable 503 APICallError, like a provider outage. Default 0. */
  failureRate: number;
  /** Fraction of answers (0–1) that are broken: truncated JSON or a wrong-typed field, alternately. Default 0. */
  malformedRate: number;
  /** Seeds both the answer values and the sequence of failures. Default 0. */
  seed: number;
}
