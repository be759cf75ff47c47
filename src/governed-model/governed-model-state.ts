import type { RefusalStreak } from './park-key.ts';

/** What the calls of one governed model share. */
export interface GovernedModelState {
  /** Rate-limit refusals in a row, for Swarm's own backoff. */
  streak: RefusalStreak;
  /** Aborted when the governance's signal fires or the model stops. */
  signal: AbortSignal;
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
  return {
    streak: { count: 0 },
    signal: abortSignal === undefined ? stopper.signal : AbortSignal.any([abortSignal, stopper.signal]),
    stop(error) {
      if (!stopper.signal.aborted) stopper.abort(error);
    },
  };
}
