import type { LimitStatuses } from '../provider-dialect.ts';
import { formatGoDuration } from './format-go-duration.ts';

/**
 * OpenAI's `x-ratelimit-*` headers: requests from `requestsPerMinute`, tokens from
 * `tokensPerMinute` (OpenAI has one token limit, input and output together). Reset is the time
 * until the bucket is full again, in Go duration format.
 */
export function openaiLimitHeaders(statuses: LimitStatuses): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [unit, status] of [['requests', statuses.requestsPerMinute], ['tokens', statuses.tokensPerMinute]] as const) {
    if (status === undefined) continue;
    headers[`x-ratelimit-limit-${unit}`] = String(status.limit);
    headers[`x-ratelimit-remaining-${unit}`] = String(status.remaining);
    headers[`x-ratelimit-reset-${unit}`] = formatGoDuration(status.resetMs);
  }
  return headers;
}
