import { APICallError } from '@ai-sdk/provider';
import { backoffDelay } from '../call/backoff-delay.ts';
import { classifyCallError, type ClassifiedCallError } from '../call/classify-call-error.ts';
import { resetDelayOf } from '../limit/parse-rate-limit-headers.ts';
import { GovernedCallError } from './governed-call-error.ts';
import type { GovernedCall } from './governed-call.ts';
import type { HeldAttempt } from './hold-attempt.ts';
import { learnFromHeaders } from './learn-from-headers.ts';
import { learnFromRefusal } from './learn-from-refusal.ts';
import { parkKey } from './park-key.ts';
import { ProviderWaitError } from './provider-wait-error.ts';

/** What a call does after a failed attempt: try again once the key's park allows, or after a backoff (as attempt `attempt + 1`). */
export type RetryStep = { retry: 'same-attempt' } | { retry: 'next-attempt'; delayMs: number };

/** Stops the call's model with `error` (see `GovernedModelState.stop`), and returns it. */
export function stopModel<T extends Error>(call: GovernedCall, error: T): T {
  call.model.stop(error);
  return error;
}

const stoppedCall = { errorClass: 'stopped', action: 'fail', message: 'cut off when the call was stopped' } as const;

/**
 * Settles a failed attempt: classifies its error once, gives back what a refused call did not use
 * (budget and limiter), teaches the limiter what the response said, records the attempt, and parks
 * the key on a rate limit. Returns how to retry; raises the signal's reason when the call was
 * stopped, GovernedCallError when retrying cannot help or the attempts ran out, and
 * ProviderWaitError when the provider holds the key longer than a call waits. An error no call
 * can get past (an account error, that long a wait) stops the model too.
 */
export function endFailedAttempt(
  call: GovernedCall,
  held: HeldAttempt,
  { error, attempt, startedAt, retrying = true }: { error: unknown; attempt: number; startedAt: number; /** False: the call cannot be tried again (a stream already passed on). */ retrying?: boolean },
): RetryStep {
  const { governance, rowIds, signal } = call;
  const { limiter, recorder } = governance;
  const classified = classifyCallError(error, governance.secrets);
  // A refused call cost nothing and used no tokens; one cut off (timeout, dropped) may have been billed: it keeps its estimate.
  const refused = classified.status !== undefined;
  held.ticket?.release(refused ? { cost: 0, tokens: 0 } : { cost: held.estimate.cost, tokens: held.estimate.tokens });
  held.reservation.settle({ actual: refused ? { inputTokens: 0, outputTokens: 0 } : undefined, overloaded: classified.overloaded, refused: classified.rateLimited });
  // What the answer says of the key's limits holds for every call sharing it, stopped or not.
  const headers = APICallError.isInstance(error) ? error.responseHeaders : undefined;
  learnFromHeaders(limiter, headers, { sentAt: held.reservation.sentAt });
  if (classified.rateLimited) learnFromRefusal(limiter, error, { sentAt: held.reservation.sentAt });
  const park = () => parkKey({ limiter, recorder, streak: call.model.streak }, classified.retryAfterMs ?? resetDelayOf(headers));
  const record = (recorded: ClassifiedCallError) => recorder?.attemptEnd({ status: 'error', rowIds, attempt, startedAt, endedAt: Date.now(), error: recorded });
  if (signal.aborted) {
    // Sent (and perhaps billed), then answered with an error or cut off by the stop: still an attempt.
    record(refused ? classified : stoppedCall);
    if (classified.rateLimited) park();
    throw signal.reason;
  }
  record(classified);
  if (classified.action === 'stop') throw stopModel(call, new GovernedCallError(classified, { cause: error }));
  if (classified.rateLimited) {
    const parkedUntil = park();
    if (parkedUntil - Date.now() > governance.longestParkMs) throw stopModel(call, new ProviderWaitError(parkedUntil));
    return { retry: 'same-attempt' };
  }
  if (classified.action === 'fail' || attempt >= governance.maxAttempts) throw new GovernedCallError(classified, { cause: error });
  const delayMs = classified.retryAfterMs ?? backoffDelay(attempt);
  if (retrying) recorder?.retryWait({ rowIds, attempt, errorClass: classified.errorClass, delayMs });
  return { retry: 'next-attempt', delayMs };
}
