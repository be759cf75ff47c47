import type { RateLimits } from './rate-limits.ts';

/** Each rate limit with the words it is shown with (`swarm workers`, the dashboard), in the order they are listed. */
export const limitLabels: ReadonlyArray<readonly [keyof RateLimits, string]> = [
  ['requestsPerMinute', 'requests/min'],
  ['tokensPerMinute', 'tokens/min'],
  ['inputTokensPerMinute', 'input tokens/min'],
  ['outputTokensPerMinute', 'output tokens/min'],
  ['tokensPerDay', 'tokens/day'],
  ['maxInFlight', 'in flight at most'],
  ['minIntervalMs', 'ms at least between call starts'],
];
