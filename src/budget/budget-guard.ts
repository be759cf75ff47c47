import type { Store } from '../store/store.ts';
import type { BudgetLimits } from './budget-limits.ts';

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

/** Keeps a pass's calls within its caps, counting calls in flight at their estimated cost. */
export interface BudgetGuard {
  /** Holds the estimate of one call, or says which cap it would pass. */
  reserve(estimate: { cost: number; tokens: number }): BudgetTicket | BudgetStop;
  /** Calls holding a ticket now. */
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
export function createBudgetGuard(store: Store, passId: string, limits: BudgetLimits, now = Date.now()): BudgetGuard {
  const spent = spentSoFar(store, passId, now);
  let inFlight = 0;
  let released: Array<() => void> = [];
  const check = (estimate: { cost: number; tokens: number }): BudgetStop | undefined => {
    const over = (cap: keyof BudgetLimits, used: number, adding: number, unit: (value: number) => string) => {
      const limit = limits[cap];
      if (limit === undefined || used + adding <= limit) return undefined;
      const usedText = inFlight === 0 ? `${unit(used)} spent` : `${unit(used)} spent or held by ${inFlight} calls in flight`;
      return { cap, message: `${cap} ${unit(limit)} reached: ${usedText}, and the next call would need about ${unit(adding)}` };
    };
    const plain = (value: number) => String(Math.round(value));
    return (
      over('maxCalls', spent.calls, 1, plain) ??
      over('maxTokens', spent.tokens, estimate.tokens, plain) ??
      over('maxCost', spent.cost, estimate.cost, dollars) ??
      over('maxDailyCost', spent.dayCost, estimate.cost, dollars)
    );
  };
  return {
    reserve(estimate) {
      const stop = check(estimate);
      if (stop !== undefined) return stop;
      spent.calls++;
      spent.tokens += estimate.tokens;
      spent.cost += estimate.cost;
      spent.dayCost += estimate.cost;
      inFlight++;
      let done = false;
      return {
        release(actual) {
          if (done) return;
          done = true;
          inFlight--;
          spent.tokens += actual.tokens - estimate.tokens;
          spent.cost += actual.cost - estimate.cost;
          spent.dayCost += actual.cost - estimate.cost;
          const wake = released;
          released = [];
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
        released.push(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    },
  };
}

/** What a pass spent over all its runs, and what every pass spent today (UTC). */
export function spentSoFar(store: Store, passId: string, now = Date.now()): { cost: number; tokens: number; calls: number; dayCost: number } {
  const pass = store
    .statement(`SELECT coalesce(sum(cost), 0) AS cost, coalesce(sum(input_tokens + output_tokens), 0) AS tokens, count(*) AS calls FROM attempts WHERE pass_id = ?`)
    .get(passId) as { cost: number; tokens: number; calls: number };
  const dayStart = now - (now % 86_400_000);
  const today = store.statement(`SELECT coalesce(sum(cost), 0) AS cost FROM attempts WHERE started_at >= ?`).get(dayStart) as { cost: number };
  return { ...pass, dayCost: today.cost };
}

/** "$0.4500", or two significant digits below a cent: "$0.00062". */
export function dollars(value: number): string {
  if (value >= 0.01 || value === 0) return `$${value.toFixed(4)}`;
  return value < 1e-6 ? 'under $0.000001' : `$${value.toPrecision(2)}`;
}
