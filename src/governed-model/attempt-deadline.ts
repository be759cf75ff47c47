import { CallTimeoutError } from '../call/classify-call-error.ts';
import type { GovernedCall } from './governed-call.ts';

/** The timers of one attempt, and the signal that cuts it off when one fires or the call is stopped. */
export interface AttemptDeadline {
  signal: AbortSignal;
  /** The first token arrived: the first-token timer is off. */
  firstToken(): void;
  /** What the attempt failed with: the timeout that cut it off, or else `caught`. */
  errorOf(caught: unknown): unknown;
  /** The attempt ended: every timer and listener off. */
  clear(): void;
}

/** Starts an attempt's timers: `timeoutMs` for the whole answer, `firstTokenTimeoutMs` (when set) for its first token. */
export function startAttemptDeadline(
  { model, signal: stop }: Pick<GovernedCall, 'model' | 'signal'>,
  { timeoutMs, firstTokenTimeoutMs }: { timeoutMs: number; firstTokenTimeoutMs: number | undefined },
): AttemptDeadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new CallTimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
  let firstTokenTimer =
    firstTokenTimeoutMs === undefined
      ? undefined
      : setTimeout(() => controller.abort(new CallTimeoutError(`no first token within ${firstTokenTimeoutMs} ms`)), firstTokenTimeoutMs);
  // The model's own signal aborts the attempts it holds; a call's own signal (an AI SDK caller's) is listened to.
  const unfollow = model.follow(controller);
  const ownSignal = stop === model.signal ? undefined : stop;
  const onStop = () => controller.abort(stop.reason);
  ownSignal?.addEventListener('abort', onStop);
  return {
    signal: controller.signal,
    firstToken() {
      clearTimeout(firstTokenTimer);
      firstTokenTimer = undefined;
    },
    errorOf: (caught) => (controller.signal.aborted && !stop.aborted ? controller.signal.reason : caught),
    clear() {
      clearTimeout(timer);
      clearTimeout(firstTokenTimer);
      unfollow();
      ownSignal?.removeEventListener('abort', onStop);
    },
  };
}
