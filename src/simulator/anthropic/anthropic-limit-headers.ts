import type { LimitStatus } from '../limits/limit-ledger.ts';
import type { LimitStatuses } from '../provider-dialect.ts';

/**
 * Anthropic's `anthropic-ratelimit-*` headers: `requests-*`, `input-tokens-*`, `output-tokens-*`,
 * and `tokens-*` for the most restrictive token limit in effect (the one with the least left).
 * Reset is when the bucket will be full again, in RFC 3339 to the second.
 */
export function anthropicLimitHeaders(statuses: LimitStatuses, nowMs: number): Record<string, string> {
  const headers: Record<string, string> = {};
  const tokenStatuses = [statuses.tokensPerMinute, statuses.inputTokensPerMinute, statuses.outputTokensPerMinute];
  const mostRestrictive = tokenStatuses
    .filter((status): status is LimitStatus => status !== undefined)
    .sort((left, right) => left.remaining - right.remaining)[0];
  const groups: Array<[string, LimitStatus | undefined]> = [
    ['requests', statuses.requestsPerMinute],
    ['tokens', mostRestrictive],
    ['input-tokens', statuses.inputTokensPerMinute],
    ['output-tokens', statuses.outputTokensPerMinute],
  ];
  for (const [group, status] of groups) {
    if (status === undefined) continue;
    headers[`anthropic-ratelimit-${group}-limit`] = String(status.limit);
    headers[`anthropic-ratelimit-${group}-remaining`] = String(status.remaining);
    headers[`anthropic-ratelimit-${group}-reset`] = rfc3339Seconds(nowMs + status.resetMs);
  }
  return headers;
}

function rfc3339Seconds(epochMs: number): string {
  return new Date(Math.ceil(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
