import type { ClassifiedCallError } from '../call/classify-call-error.ts';
import type { TokenUsage } from '../events/swarm-event.ts';

/** What every attempt record says: which call, which try, and when. */
interface AttemptIdentity {
  /** The rows the call answers (none for a call that is not about rows). */
  rowIds: string[];
  /** Which try of the call this was, from 1; a rate-limit refusal does not use one up. */
  attempt: number;
  startedAt: number;
  endedAt: number;
}

/** An attempt the model answered. */
export interface AnsweredAttempt extends AttemptIdentity {
  status: 'answered';
  /** The answer's text (for a call offering tools, its content as JSON). */
  text: string;
  usage: TokenUsage;
  /** The answer's price; 0 from the cache, undefined for an unpriced model. */
  cost: number | undefined;
  latencyMs: number;
  /** Answered from the response cache: no provider call was made. */
  cached: boolean;
  /** Where the answer goes in the response cache, when the call may be cached. */
  cacheKey: string | undefined;
  /** Why the answer was not taken and the call asked again (an answer cut off at Swarm's own cap). */
  problem?: { message: string; errorClass: string };
}

/** An attempt the provider refused, or that broke off or timed out. */
export interface FailedAttempt extends AttemptIdentity {
  status: 'error';
  error: ClassifiedCallError;
}

/** How one attempt ended. */
export type AttemptEnd = AnsweredAttempt | FailedAttempt;

/**
 * Where a governed model reports what it does: every attempt (answered or not), every wait before
 * a retry, and every park of the key. The pass's recorder writes them to the store and the event bus.
 */
export interface AttemptRecorder {
  /** An attempt got its limiter slot and is being sent. */
  attemptStart(attempt: { rowIds: string[]; attempt: number }): void;
  attemptEnd(record: AttemptEnd): void;
  /** A call waits `delayMs` before its next attempt, after an error of `errorClass`. */
  retryWait(wait: { rowIds: string[]; attempt: number; errorClass: string; delayMs: number }): void;
  /** Every call for the key waits until `parkedUntil` (epoch ms). */
  keyPark(park: { parkedUntil: number; waitSource: 'provider' | 'backoff' }): void;
}
