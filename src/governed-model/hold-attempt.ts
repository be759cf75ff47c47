import type { BudgetTicket } from '../budget/budget-guard.ts';
import type { Reservation } from '../limit/key-limiter.ts';
import { BudgetExceededError } from './budget-exceeded-error.ts';
import { stopModel } from './end-failed-attempt.ts';
import type { GovernedCall } from './governed-call.ts';
import type { OutputCap } from './output-cap.ts';

/** An attempt cleared to go: its share of the budget and its limiter slot, both to be settled when it ends. */
export interface HeldAttempt {
  ticket: BudgetTicket | undefined;
  reservation: Reservation;
  /** What the budget holds for the attempt. */
  estimate: { outputTokens: number; cost: number; tokens: number };
  /** The output cap the attempt is sent with: the call's own, or Swarm's; undefined when neither sets one. */
  cap: number | undefined;
  /** Swarm's own output cap, when it chose the attempt's. */
  ownCap: OutputCap | undefined;
}

/**
 * Reserves an attempt's estimate in the budget, then waits for the key's limiter. Raises
 * BudgetExceededError when the estimate would pass a cap even once the calls in flight settle
 * (the model stops: see `GovernedModelState`), and the signal's reason when the call is stopped
 * meanwhile.
 */
export async function holdAttempt(call: GovernedCall): Promise<HeldAttempt> {
  const { governance, params, rows, inputTokens } = call;
  const { signal } = call;
  const maxOutputTokens = params.maxOutputTokens;
  // Swarm sets the output cap itself when the provider charges it up front and nobody else set it.
  const ownCap = maxOutputTokens === undefined ? governance.outputCap : undefined;
  const estimateCall = () => {
    const outputTokens = maxOutputTokens ?? ownCap?.forCall(rows) ?? governance.outputEstimate.forCall(rows);
    return { outputTokens, cost: governance.costOf(inputTokens, outputTokens) ?? 0, tokens: inputTokens + outputTokens };
  };
  let estimate = estimateCall();
  let ticket: BudgetTicket | undefined;
  const { budget } = governance;
  if (budget !== undefined) {
    // A shared guard answers once its store has; the store's own at once, with no turn given up.
    let reserved = budget.reserve(estimate);
    if (reserved instanceof Promise) reserved = await reserved;
    // Over a cap only because of what calls in flight were estimated at: their real costs may leave room.
    while (!('release' in reserved) && budget.inFlight > 0 && !signal.aborted) {
      await budget.nextRelease(signal);
      estimate = estimateCall();
      reserved = await budget.reserve(estimate);
    }
    if (!('release' in reserved)) {
      signal.throwIfAborted();
      throw stopModel(call, new BudgetExceededError(reserved));
    }
    ticket = reserved;
  }
  let reservation: Reservation;
  try {
    // Swarm's own cap is chosen when the call leaves the queue, so answers that came back while it
    // waited can lower it; never above what the budget holds for it (a cut-off answer elsewhere
    // may have raised it: this call gets the raise on its next attempt, if it needs one).
    const tokens = { inputTokens, outputTokens: estimate.outputTokens };
    const reserved = estimate.outputTokens;
    reservation = await governance.limiter.acquire(
      ownCap === undefined ? tokens : () => ({ inputTokens, outputTokens: Math.min(reserved, ownCap.forCall(rows)) }),
      signal,
      governance.limiterOwner,
    );
  } catch (error) {
    ticket?.release({ cost: 0, tokens: 0 });
    throw error;
  }
  const cap = maxOutputTokens ?? (ownCap === undefined ? undefined : reservation.tokens.outputTokens);
  return { ticket, reservation, estimate, cap, ownCap };
}
