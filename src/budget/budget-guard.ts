import type { Store } from '../store/store.ts';
import { budgetCaps } from './budget-caps.ts';
import type { BudgetLimits } from './budget-limits.ts';
import { callSpending, spentSoFar, type Spent } from './spent-so-far.ts';

/** A call's share of the budget, held while it runs. */
export interface BudgetTicket {
  /** The call ended: replace the estimate with what it cost (nothing when it never reached the provider). */
  release(actual: { cost: number; tokens: number }): void;
}

/** Which cap stopped a pass, and how much had been spent. */
export interface BudgetStop {
  cap: keyof BudgetLimits;
  message: string;
}

/**
 * Keeps a pass's calls within its caps, counting calls in flight at their estimated cost. The
 * store's guard answers at once; a guard whose counts are shared between processes (in Redis)
 * answers once its store has, so callers await `reserve`.
 */
export interface BudgetGuard {
  /** Holds the estimate of one call, or says which cap it would pass. */
  reserve(estimate: { cost: number; tokens: number }): BudgetTicket | BudgetStop | Promise<BudgetTicket | BudgetStop>;
  /** Calls holding a ticket now (every process's, for a shared guard, as of its last answer). */
  readonly inFlight: number;
  /**
   * Resolves when a call in flight releases its ticket (or `signal` aborts): a call that did not
   * fit because of estimates in flight may fit once they are replaced by real costs.
   */
  nextRelease(signal: AbortSignal): Promise<void>;
}

/**
 * Creates the guard of a pass, starting from what the store says was spent: by this pass in
 * earlier runs, and by every pass today (UTC).
 */
export function createBudgetGuard(store: Store, passId: string, limits: BudgetLimits): BudgetGuard {
  const spent = spentSoFar(store, passId);
  let inFlight = 0;
  let releaseWaiters: Array<() => void> = [];
  const check = (call: Spent): BudgetStop | undefined => {
    for (const { cap, used, format } of budgetCaps) {
      const limit = limits[cap];
      const adding = used(call);
      if (limit === undefined || used(spent) + adding <= limit) continue;
      return budgetStop(cap, limit, { used: used(spent), adding, inFlight });
    }
    return undefined;
  };
  return {
    reserve(estimate) {
      const call = callSpending(1, estimate);
      const stop = check(call);
      if (stop !== undefined) return stop;
      addSpending(spent, call);
      inFlight++;
      let done = false;
      return {
        release(actual) {
          if (done) return;
          done = true;
          inFlight--;
          // The estimate out, what was spent in.
          addSpending(spent, callSpending(0, { cost: actual.cost - estimate.cost, tokens: actual.tokens - estimate.tokens }));
          const wake = releaseWaiters;
          releaseWaiters = [];
          for (const resolve of wake) resolve();
        },
      };
    },
    get inFlight() {
      return inFlight;
    },
    nextRelease(signal) {
      return new Promise((resolve) => {
        if (signal.aborted) return resolve();
        const onAbort = () => resolve();
        signal.addEventListener('abort', onAbort, { once: true });
        releaseWaiters.push(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    },
  };
}

/** The stop of a call that would take `cap` past `limit`: `used` spent (or held by `inFlight` calls), `adding` more needed. */
export function budgetStop(cap: keyof BudgetLimits, limit: number, { used, adding, inFlight }: { used: number; adding: number; inFlight: number }): BudgetStop {
  const { format } = budgetCaps.find((candidate) => candidate.cap === cap)!;
  const usedText = inFlight === 0 ? `${format(used)} spent` : `${format(used)} spent or held by ${inFlight} calls in flight`;
  return { cap, message: `${cap} ${format(limit)} reached: ${usedText}, and the next call would need about ${format(adding)}` };
}

function addSpending(spent: Spent, more: Spent): void {
  spent.calls += more.calls;
  spent.tokens += more.tokens;
  spent.cost += more.cost;
  spent.dayCost += more.dayCost;
}
