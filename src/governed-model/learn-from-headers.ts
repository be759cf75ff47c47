import type { KeyLimiter } from '../limit/key-limiter.ts';
import { parseRateLimitHeaders } from '../limit/parse-rate-limit-headers.ts';

/**
 * Teaches the limiter what a response's headers say of the key's limits and what is left of them,
 * as of the call sent at `sentAt`. `givenBackOutput`: output tokens the provider held for this call
 * when it answered (a provider charging `max_tokens` up front) and has given back since.
 */
export function learnFromHeaders(
  limiter: KeyLimiter,
  headers: Record<string, string | undefined> | undefined,
  { sentAt, givenBackOutput = 0 }: { sentAt: number; givenBackOutput?: number },
): void {
  const learned = parseRateLimitHeaders(headers);
  if (learned === undefined) return;
  const remaining = { ...learned.remaining };
  if (givenBackOutput > 0 && remaining.outputTokensPerMinute !== undefined) remaining.outputTokensPerMinute += givenBackOutput;
  limiter.learn({ limits: learned.limits, remaining, source: 'header', sentAt });
}
