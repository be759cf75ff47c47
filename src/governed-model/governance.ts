import type { BudgetGuard } from '../budget/budget-guard.ts';
import type { SecretRedactor } from '../call/secret-redactor.ts';
import type { ResponseCache } from '../cache/response-cache.ts';
import type { KeyLimiter } from '../limit/key-limiter.ts';
import type { AttemptRecorder } from './attempt-recorder.ts';
import type { OutputCap } from './output-cap.ts';
import type { OutputEstimate } from './output-estimate.ts';

/** What a governed model applies to every call made through it (see `governModel`). */
export interface Governance {
  /** The limiter of the model's provider key: each attempt waits for a slot, settled with what it used. */
  limiter: KeyLimiter;
  /** Whose calls these are in the limiter's fair queue (a pass id). Default `''`. */
  limiterOwner?: string;
  /** Charged each attempt's estimate while it runs, then what it cost. Default: no caps. */
  budget?: BudgetGuard;
  /** The price of a call in USD; undefined for a model without a price (charged 0). Default: no price. */
  costOf?: (inputTokens: number, outputTokens: number) => number | undefined;
  /** Told every attempt, retry wait and park. Default: nobody. */
  recorder?: AttemptRecorder;
  /**
   * Whether the governed model records each answer (and writes it to the cache) itself. False: the
   * caller judges each answer first and records it through the recorder (the pass: only it knows
   * whether a row's answer is valid). Default true.
   */
  recordAnswers?: boolean;
  /** Attempts per call, the first included; a rate-limit refusal uses none. Default 6. */
  maxAttempts?: number;
  /** An attempt with no whole answer by then is cut off and retried. Default 120,000. */
  timeoutMs?: number;
  /** `doGenerate` calls are made by streaming: a stalled first token or a broken stream is caught early. Default false. */
  stream?: boolean;
  /** A streamed attempt with no first token by then is cut off and retried. Default 30,000. */
  firstTokenTimeoutMs?: number;
  /** A park longer than this (a used-up daily quota) fails the call with `ProviderWaitError`. Default 15 minutes. */
  longestParkMs?: number;
  /** The exact response cache; a call offering tools uses it only with `cacheToolCalls`. Default: none. */
  cache?: ResponseCache;
  /** Cache calls that offer tools too: only for tools without side effects a replay would skip. Default false. */
  cacheToolCalls?: boolean;
  /** The model and endpoint as cache keys name them. Default `provider:modelId`. */
  cacheIdentity?: string;
  /** Swarm's own output cap, for a provider that charges `max_tokens` up front, when a call sets none. */
  outputCap?: OutputCap;
  /** The provider charges `max_tokens` against its output limit when a call starts. Default false. */
  chargesMaxTokensUpFront?: boolean;
  /** Output tokens expected per call before it answers. Default: 256 per row, then a running average. */
  outputEstimate?: OutputEstimate;
  /** Stops every call: its waits, its backoff and its attempt in flight. A call's own `abortSignal` does too. */
  abortSignal?: AbortSignal;
  /** Removes API keys from error messages. Default: a redactor of `process.env`'s key variables. */
  secrets?: SecretRedactor;
}
