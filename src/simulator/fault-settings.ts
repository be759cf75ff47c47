/** Account-wide failures that answer every call the same way until switched off. */
export type FailAllMode = 'auth' | 'billing' | 'quota';

/**
 * Injected failures. Each rate is a probability (0–1) drawn from the simulator's seeded random
 * sequence, so a run with the same seed and the same order of calls fails the same way. All default
 * to 0 (off).
 */
export interface FaultSettings {
  /** A 500, 502 or 503 in the provider's error format, before any quota is used. */
  serverErrorRate?: number;
  /** Overloaded: Anthropic 529 `overloaded_error`, OpenAI 503, Gemini 503 `UNAVAILABLE`. */
  overloadedRate?: number;
  /** A 429 in the provider's rate-limit format even under the limits (quota untouched). */
  rateLimitRate?: number;
  /** The wait the injected 429s ask for. Default 1000. */
  rateLimitRetryAfterMs?: number;
  /** Accepts the call and never answers until the client disconnects or the simulator closes. */
  hangRate?: number;
  /** Sends part of the response (headers and half the body or stream), then destroys the socket. */
  dropRate?: number;
  /** A 200 whose answer text is broken JSON: wrapped in prose and a code fence, with a trailing comma. */
  malformedRate?: number;
  /** A 200 whose answer text is cut in half, with the provider's "max tokens" finish reason. */
  truncatedRate?: number;
  /** Streaming calls only: some chunks, then the provider's in-stream error event, then the end. */
  midStreamErrorRate?: number;
  /** Fraction of calls whose first token comes `slowFirstTokenMs` later than the latency model says. */
  slowFirstTokenRate?: number;
  /** The extra wait before the first token of a call picked by `slowFirstTokenRate`. Default 30000. */
  slowFirstTokenMs?: number;
  /** Answer every call with an account error: `auth` (bad key), `billing` (no credit) or `quota` (spend or daily quota used up). */
  failAll?: FailAllMode | undefined;
}
