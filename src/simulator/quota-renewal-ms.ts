import type { ProviderName } from './provider-name.ts';

const dayMs = 86_400_000;

/**
 * Milliseconds until a used-up quota renews, for `failAll: 'quota'`: Gemini daily quotas at
 * midnight Pacific time, Anthropic spend limits on the first of the next month (UTC). OpenAI's
 * `insufficient_quota` names no time.
 */
export function quotaRenewalMs(provider: ProviderName, nowMs: number): number {
  if (provider === 'anthropic') {
    const now = new Date(nowMs);
    return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - nowMs;
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    hourCycle: 'h23',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(nowMs);
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
  const sinceMidnightMs = ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000 + (nowMs % 1000);
  return dayMs - sinceMidnightMs;
}
