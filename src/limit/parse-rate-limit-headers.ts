import { parseDuration } from './parse-duration.ts';
import type { RateLimits } from './rate-limits.ts';

/** Limits and remaining capacity read from one response's headers. */
export interface HeaderLimits {
  limits: RateLimits;
  remaining: Partial<Record<keyof RateLimits, number>>;
}

type Headers = Record<string, string | undefined>;

/**
 * Reads the rate-limit headers of OpenAI (`x-ratelimit-*`, per-minute limits) and Anthropic
 * (`anthropic-ratelimit-*`); undefined when the response carries none (Gemini never does).
 */
export function parseRateLimitHeaders(headers: Headers | undefined): HeaderLimits | undefined {
  if (headers === undefined) return undefined;
  const result: HeaderLimits = { limits: {}, remaining: {} };
  const read = (name: string) => {
    const value = headers[name];
    if (value === undefined || value.trim() === '') return undefined;
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
  };
  const take = (key: keyof RateLimits, limitHeader: string, remainingHeader: string) => {
    const limit = read(limitHeader);
    const remaining = read(remainingHeader);
    if (limit !== undefined) result.limits[key] = limit;
    if (remaining !== undefined) result.remaining[key] = remaining;
  };
  if (headers['x-ratelimit-limit-requests'] !== undefined || headers['x-ratelimit-limit-tokens'] !== undefined) {
    take('requestsPerMinute', 'x-ratelimit-limit-requests', 'x-ratelimit-remaining-requests');
    take('tokensPerMinute', 'x-ratelimit-limit-tokens', 'x-ratelimit-remaining-tokens');
  }
  take('requestsPerMinute', 'anthropic-ratelimit-requests-limit', 'anthropic-ratelimit-requests-remaining');
  take('inputTokensPerMinute', 'anthropic-ratelimit-input-tokens-limit', 'anthropic-ratelimit-input-tokens-remaining');
  take('outputTokensPerMinute', 'anthropic-ratelimit-output-tokens-limit', 'anthropic-ratelimit-output-tokens-remaining');
  // `anthropic-ratelimit-tokens-*` restates the most restrictive of the input and output limits
  // above; it is no third limit on input + output together, so it is not read as one.
  if (Object.keys(result.limits).length === 0 && Object.keys(result.remaining).length === 0) return undefined;
  return result;
}

/** The soonest reset any rate-limit header announces, in ms from now (OpenAI durations, Anthropic RFC 3339 times). */
export function resetDelayOf(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (headers === undefined) return undefined;
  const delays: number[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (name.startsWith('x-ratelimit-reset-')) {
      const delay = parseDuration(value);
      if (delay !== undefined) delays.push(delay);
    } else if (name.startsWith('anthropic-ratelimit-') && name.endsWith('-reset')) {
      const at = Date.parse(value);
      if (!Number.isNaN(at)) delays.push(Math.max(0, at - now));
    }
  }
  return delays.length === 0 ? undefined : Math.min(...delays);
}
