import { APICallError, LoadAPIKeyError } from '@ai-sdk/provider';
import { readProviderErrorBody } from './provider-error-body.ts';
import { createSecretRedactor, type SecretRedactor } from './secret-redactor.ts';
import { StreamInterruptedError } from './stream-interrupted-error.ts';

/** What to do about a failed call, decided once where the error is seen. */
export type CallErrorAction =
  /** Transient: try the same call again after a backoff. */
  | 'retry'
  /** This request can never succeed (bad request): record the rows as failed. */
  | 'fail'
  /** Nothing sent to this provider will succeed (auth, billing, missing key): stop the pass. */
  | 'stop';

/** A classified call error: a stable class name, the action, and any wait the provider asked for. */
export interface ClassifiedCallError {
  errorClass: string;
  action: CallErrorAction;
  message: string;
  retryAfterMs?: number;
  status?: number;
  /** The provider is rate limiting this key: hold every call for it, and do not spend an attempt. */
  rateLimited?: boolean;
  /** The provider is overloaded or limiting: lower the concurrency. */
  overloaded?: boolean;
}

/** Marks an attempt cut off by Swarm's own per-call timeout. */
export class CallTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallTimeoutError';
  }
}

/** Classifies any error a model call raised; `secrets` removes the keys from its message. */
export function classifyCallError(error: unknown, secrets: SecretRedactor = createSecretRedactor()): ClassifiedCallError {
  const message = secrets.redact(error instanceof Error ? error.message : String(error));
  if (error instanceof CallTimeoutError) return { errorClass: 'timeout', action: 'retry', message };
  if (StreamInterruptedError.isInstance(error)) return { errorClass: 'stream-interrupted', action: 'retry', message };
  if (LoadAPIKeyError.isInstance(error)) return { errorClass: 'missing-key', action: 'stop', message };
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const body = readProviderErrorBody(error.responseBody);
    const retryAfterMs = retryAfterOf(error.responseHeaders) ?? body.retryDelayMs;
    const detail = `${status ?? 'no status'}: ${message}`;
    if (status === 401 || status === 403) return { errorClass: 'auth', action: 'stop', message: detail, status };
    if (status === 402 || body.billing) return { errorClass: 'billing', action: 'stop', message: detail, status };
    if (body.quotaExhausted) return { errorClass: 'quota', action: 'stop', message: detail, status };
    if (status === 429) return { errorClass: 'rate-limit', action: 'retry', message: detail, status, retryAfterMs, rateLimited: true, overloaded: true };
    if (status === 529 || body.code === 'overloaded_error') {
      return { errorClass: 'overloaded', action: 'retry', message: detail, status, retryAfterMs, overloaded: true };
    }
    // 503 is how OpenAI and Gemini say they are overloaded: back off as for a 529.
    if (status === 503) return { errorClass: 'server-error', action: 'retry', message: detail, status, retryAfterMs, overloaded: true };
    if (status !== undefined && status >= 500) return { errorClass: 'server-error', action: 'retry', message: detail, status, retryAfterMs };
    if (error.isRetryable) return { errorClass: 'transient', action: 'retry', message: detail, status, retryAfterMs };
    return { errorClass: 'bad-request', action: 'fail', message: detail, status };
  }
  if (isNetworkError(error)) return { errorClass: 'network', action: 'retry', message };
  return { errorClass: 'error', action: 'fail', message };
}

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return (
    (error instanceof TypeError && error.message === 'fetch failed') ||
    (typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|UND_ERR_\w+)$/.test(code))
  );
}

/** The wait a response asked for, from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function retryAfterOf(headers: Record<string, string> | undefined): number | undefined {
  if (headers === undefined) return undefined;
  const milliseconds = Number(headers['retry-after-ms']);
  if (headers['retry-after-ms'] !== undefined && Number.isFinite(milliseconds)) return Math.max(0, milliseconds);
  const value = headers['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
