/** What a run of a pass used. */
export interface PassUsage {
  /** Provider calls made, answered or not. */
  calls: number;
  /** Of `calls`, those the provider refused for its rate limit (waited out, never failing a row). */
  rateLimited: number;
  /** Of `calls`, those that asked again for the same rows: after a transient error, a cut-off or an invalid answer. */
  retries: number;
  /** Dispatches answered from the response cache: no call made. */
  cached: number;
  inputTokens: number;
  outputTokens: number;
  cost: number | undefined;
}
