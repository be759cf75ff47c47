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
  it('waits for the spent limit only: a reset of one with room left would release the key too soon', () => {
    // Tokens spent (63 of 30,000 left; "59.874s" until full), requests not (499 of 500; "120ms").
    // Issue 8: taking the soonest reset released the key 120 ms later, into the same refusal.
    // Waited: until 2 % of the tokens are back, 59.874 s × 600 / 29,937.
    expect(resetDelayOf(withoutRetryAfter(openai429))).toBeCloseTo(1_200, -1);
  });

  it('reads OpenAI Go durations such as 6m0s', () => {
    const headers = { ...withoutRetryAfter(openai429), 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '6m0s' };
    // Requests spent: until one of 500 is back, 6 min × 1 / 500.
    expect(resetDelayOf({ ...headers, 'x-ratelimit-remaining-tokens': '30000' })).toBe(720);
  });

  it('reads Anthropic RFC 3339 times relative to now; a reset already past is 0', () => {
    const headers = withoutRetryAfter(anthropic429);
    // Input tokens spent, reset 12 s after 20:00:00: 2 % of 20,000 back in 12 s × 400 / 20,000.
    expect(resetDelayOf(headers, Date.parse('2024-03-26T20:00:00Z'))).toBeCloseTo(240);
    expect(resetDelayOf(headers, Date.parse('2024-03-26T20:00:30Z'))).toBe(0);
  });

  it('is undefined when no limit the headers report is spent, or without reset headers (Gemini has none)', () => {
    expect(resetDelayOf({ ...withoutRetryAfter(openai429), 'x-ratelimit-remaining-tokens': '20000' })).toBeUndefined();
    expect(resetDelayOf(loadFixture('gemini-429-per-minute').headers)).toBeUndefined();
    expect(resetDelayOf({ 'x-ratelimit-limit-requests': '5', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': 'later' })).toBeUndefined();
    expect(resetDelayOf(undefined)).toBeUndefined();
  });
});
