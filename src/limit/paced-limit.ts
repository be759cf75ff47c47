import type { CallTokens } from './key-limiter.ts';

/** The per-minute limits a key limiter paces: requests, and input, output and total tokens. */
export const pacedNames = ['requests', 'input', 'output', 'tokens'] as const;
export type PacedName = (typeof pacedNames)[number];

/** The `RateLimits` field of each paced limit, and back. */
export const limitOf = { requests: 'requestsPerMinute', input: 'inputTokensPerMinute', output: 'outputTokensPerMinute', tokens: 'tokensPerMinute' } as const;
export const nameOfLimit = { requestsPerMinute: 'requests', inputTokensPerMinute: 'input', outputTokensPerMinute: 'output', tokensPerMinute: 'tokens' } as const;

/** What one call uses of each paced limit. */
export function usageOf(tokens: CallTokens): Record<PacedName, number> {
  return { requests: 1, input: tokens.inputTokens, output: tokens.outputTokens, tokens: tokens.inputTokens + tokens.outputTokens };
}
