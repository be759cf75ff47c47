import type { RefusalStreak } from './park-key.ts';

/** What the calls of one governed model share. */
export interface GovernedModelState {
  /** Rate-limit refusals in a row, for Swarm's own backoff. */
  streak: RefusalStreak;
  /** Aborted when the governance's signal fires or the model stops. */
  signal: AbortSignal;
  /** Aborts `controller` with the signal's reason when it fires, until the returned function is called. */
  follow(controller: AbortController): () => void;
  /**
   * Stops the model for good, at once: every call waiting or in flight is cut off with `error`,
   * and every later call fails with it. For what no call of the model can get past: an account
   * error, a budget cap, a provider holding the key for longer than a call waits.
   */
  stop(error: Error): void;
}

/** The shared state of a governed model whose calls `abortSignal` (if any) also stops. */
export function createGovernedModelState(abortSignal: AbortSignal | undefined): GovernedModelState {
  const stopper = new AbortController();
  // The controllers of the attempts in flight, removed by swapping the last one into their place.
  const attempts: Array<{ controller: AbortController; index: number }> = [];
  const stop = (reason: unknown) => {
    if (stopper.signal.aborted) return;
    stopper.abort(reason);
    for (const { controller } of attempts.splice(0)) controller.abort(reason);
  };
  const follow = (controller: AbortController) => {
    const entry = { controller, index: attempts.length };
    attempts.push(entry);
    return () => {
      // Gone already: the model stopped and aborted it.
      if (attempts[entry.index] !== entry) return;
      const last = attempts.pop()!;
      if (last !== entry) {
        attempts[entry.index] = last;
        last.index = entry.index;
      }
    };
  };
  // A plain signal following the governance's, not `AbortSignal.any`, and attempts in a list rather
  // than each listening to it: a listener added and removed per call, or a set of controllers, cost
  // more than the rest of the governance (measured: about 1 µs a call).

  if (abortSignal?.aborted) stop(abortSignal.reason);
  else abortSignal?.addEventListener('abort', () => stop(abortSignal.reason), { once: true });
  return { streak: { count: 0 }, signal: stopper.signal, follow, stop };
}
