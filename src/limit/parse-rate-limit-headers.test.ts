import { describe, expect, it } from 'vitest';
import { loadFixture } from '../simulator/test-support.ts';
import { parseDuration } from './parse-duration.ts';
import { parseRateLimitHeaders, resetDelayOf } from './parse-rate-limit-headers.ts';

const openai429 = loadFixture('openai-429-tokens-per-minute').headers;
const anthropic429 = loadFixture('anthropic-429-rate-limit').headers;

/** Headers without the explicit wait, to test the fallback on the reset headers. */
function withoutRetryAfter(headers: Record<string, string>): Record<string, string> {
  const { 'retry-after': _, 'retry-after-ms': __, ...rest } = headers;
  return rest;
}

describe('parseDuration', () => {
  it.each([
    ['6m0s', 360_000],
    ['1h2m3.5s', 3_723_500],
    ['59.874s', 59_874],
    ['120ms', 120],
    ['2h', 7_200_000],
    ['0s', 0],
    ['17', 17_000],
  ])('reads %s as %i ms', (text, milliseconds) => {
    expect(parseDuration(text)).toBe(milliseconds);
  });

  it.each(['', 'soon', '6m and 0s', '5x', undefined])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('parseRateLimitHeaders', () => {
  it('reads OpenAI x-ratelimit-* as per-minute request and token limits', () => {
    expect(parseRateLimitHeaders(openai429)).toEqual({
      limits: { requestsPerMinute: 500, tokensPerMinute: 30_000 },
      remaining: { requestsPerMinute: 499, tokensPerMinute: 63 },
    });
  });

  it('reads Anthropic anthropic-ratelimit-* request, input and output token limits, not the tokens-* restatement as a combined limit', () => {
    expect(parseRateLimitHeaders(anthropic429)).toEqual({
      limits: { requestsPerMinute: 50, inputTokensPerMinute: 20_000, outputTokensPerMinute: 8_000 },
      remaining: { requestsPerMinute: 49, inputTokensPerMinute: 0, outputTokensPerMinute: 8_000 },
    });
  });

  it('is undefined when a response has no rate-limit headers (Gemini never sends any)', () => {
    expect(parseRateLimitHeaders(loadFixture('gemini-429-per-minute').headers)).toBeUndefined();
    expect(parseRateLimitHeaders(undefined)).toBeUndefined();
    expect(parseRateLimitHeaders({ 'x-ratelimit-limit-requests': 'many' })).toBeUndefined();
  });
});

describe('resetDelayOf', () => {
  it('reads OpenAI Go durations such as 6m0s', () => {
    const { 'x-ratelimit-reset-requests': _, ...headers } = withoutRetryAfter(openai429);
    expect(resetDelayOf({ ...headers, 'x-ratelimit-reset-tokens': '6m0s' })).toBe(360_000);
  });

  it('takes the soonest reset: the first moment any capacity comes back', () => {
    expect(resetDelayOf(withoutRetryAfter(openai429))).toBe(120);
  });

  it('reads Anthropic RFC 3339 times relative to now; a reset already past is 0', () => {
    const headers = withoutRetryAfter(anthropic429);
    expect(resetDelayOf(headers, Date.parse('2024-03-26T19:59:58Z'))).toBe(1_000);
    const { 'anthropic-ratelimit-output-tokens-reset': _, 'anthropic-ratelimit-requests-reset': __, ...tokensOnly } = headers;
    expect(resetDelayOf(tokensOnly, Date.parse('2024-03-26T20:00:00Z'))).toBe(12_000);
    expect(resetDelayOf(headers, Date.parse('2024-03-26T20:00:30Z'))).toBe(0);
  });

  it('is undefined without reset headers (Gemini has none)', () => {
    expect(resetDelayOf(loadFixture('gemini-429-per-minute').headers)).toBeUndefined();
    expect(resetDelayOf({ 'x-ratelimit-reset-requests': 'later' })).toBeUndefined();
    expect(resetDelayOf(undefined)).toBeUndefined();
  });
});
