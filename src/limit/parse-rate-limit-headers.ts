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

// A limit counts as spent when less than this share of it is left (one request, for requests).
const spentShare = 0.01;
// Once spent, a limit is waited for until this share of it is back, not until it is full: the
// reset headers say when the whole limit is back (OpenAI: "the time until the rate limit resets
// to its initial state"), and the pacer spaces what follows.
const resumeShare = 0.02;

/**
 * How long until the limits a refusal spent come back, in ms from now, read from the reset headers
 * (OpenAI durations, Anthropic RFC 3339 times); undefined when no limit the headers report is
 * spent (the refusal is about something they do not show: a reset of a limit with room left
 * would release the key too soon).
 */
export function resetDelayOf(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (headers === undefined) return undefined;
  const delays: number[] = [];
  const consider = (limitHeader: string, remainingHeader: string, resetMs: number | undefined, isRequests: boolean) => {
    const limit = Number(headers[limitHeader]);
    const remaining = Number(headers[remainingHeader]);
    if (resetMs === undefined || !Number.isFinite(limit) || !Number.isFinite(remaining) || limit <= 0) return;
    const spent = isRequests ? remaining < 1 : remaining < limit * spentShare;
    if (!spent) return;
    const back = isRequests ? 1 : limit * resumeShare;
    delays.push(Math.min(resetMs, (resetMs * back) / Math.max(1, limit - remaining)));
  };
  for (const kind of ['requests', 'tokens'] as const) {
    const delay = parseDuration(headers[`x-ratelimit-reset-${kind}`]);
    consider(`x-ratelimit-limit-${kind}`, `x-ratelimit-remaining-${kind}`, delay, kind === 'requests');
  }
  for (const kind of ['requests', 'input-tokens', 'output-tokens', 'tokens'] as const) {
    const at = Date.parse(headers[`anthropic-ratelimit-${kind}-reset`] ?? '');
    const delay = Number.isNaN(at) ? undefined : Math.max(0, at - now);
    consider(`anthropic-ratelimit-${kind}-limit`, `anthropic-ratelimit-${kind}-remaining`, delay, kind === 'requests');
  }
  return delays.length === 0 ? undefined : Math.max(...delays);
}
