/** The limits a provider enforces for one key and model; any may be unknown (undefined). */
export interface RateLimits {
  requestsPerMinute?: number;
  inputTokensPerMinute?: number;
  outputTokensPerMinute?: number;
  /** Input plus output tokens per minute (OpenAI's single token limit). */
  tokensPerMinute?: number;
  tokensPerDay?: number;
  /** Most requests in flight at once. */
  maxInFlight?: number;
  /** Least time between two call starts (DeepSwarm's `stagger`), in ms. */
  minIntervalMs?: number;
}

/** Where the limits in force came from, shown in progress output. */
export type LimitSource = 'configured' | 'header' | 'learned' | 'none';
