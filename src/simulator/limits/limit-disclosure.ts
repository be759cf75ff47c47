/**
 * How much a simulator tells clients of their limits. `full`: what the provider tells: its
 * rate-limit headers (unless `limitHeaders` is false) and 429s in its words, which state the limit
 * (OpenAI's "Limit 600, Used 600, Requested 1", Anthropic's "of 600 requests per minute", Gemini's
 * QuotaFailure `quotaValue`). `retry-after`: an OpenAI-compatible server that states no limit
 * anywhere: no limit headers, 429s with a bare message, only the wait kept (`retry-after` and, in
 * the OpenAI dialect, `retry-after-ms`, as Azure OpenAI sends them; Gemini's RetryInfo). `nothing`:
 * the same without the wait, so a client can only back off.
 */
export type LimitDisclosure = 'full' | 'retry-after' | 'nothing';
