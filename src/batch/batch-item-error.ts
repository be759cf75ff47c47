import { SwarmError } from '../errors/swarm-error.ts';

/** How a batch item ended without an answer. */
export type BatchItemEnd = 'failed' | 'expired' | 'cancelled';

// Gemini reports its RPC status names; Anthropic its error types.
const retryableTypes = new Set(['api_error', 'overloaded_error', 'rate_limit_error', 'UNAVAILABLE', 'INTERNAL', 'RESOURCE_EXHAUSTED', 'DEADLINE_EXCEEDED']);

/**
 * A batch item the provider did not answer: it failed (with the provider's error), expired before
 * the batch's deadline, or was cancelled. `isRetryable` is decided here: expired items and
 * transient failures (429, 5xx, overloaded) are worth sending again; cancelled items and request
 * errors are not.
 */
export class BatchItemError extends SwarmError {
  readonly end: BatchItemEnd;
  /** The provider's error code (`batch_expired`, `rate_limit_exceeded`, `503`), when it gave one. */
  readonly code: string | undefined;
  /** The provider's error type (`overloaded_error`, `UNAVAILABLE`), when it gave one. */
  readonly type: string | undefined;
  /** The HTTP status the item was answered with (OpenAI), when known. */
  readonly statusCode: number | undefined;
  /** Batches the item was submitted in. */
  readonly submissions: number;
  readonly isRetryable: boolean;

  constructor({
    end,
    message,
    code,
    type,
    statusCode,
    submissions,
  }: { end: BatchItemEnd; message: string; code?: string; type?: string; statusCode?: number; submissions: number }) {
    super('BatchItemError', message);
    this.end = end;
    this.code = code;
    this.type = type;
    this.statusCode = statusCode;
    this.submissions = submissions;
    const status = statusCode ?? (code !== undefined && /^\d{3}$/.test(code) ? Number(code) : undefined);
    this.isRetryable =
      end === 'expired' ||
      (end === 'failed' &&
        ((status !== undefined && (status === 408 || status === 409 || status === 429 || status >= 500)) || (type !== undefined && retryableTypes.has(type))));
  }

  static isInstance(error: unknown): error is BatchItemError {
    return SwarmError.isInstance(error) && error.name === 'BatchItemError';
  }
}
