import type { Store } from '../store/store.ts';

/** What a pass has spent over all its runs, and what every pass has spent today (UTC). */
export interface Spent {
  cost: number;
  tokens: number;
  calls: number;
  dayCost: number;
}

/** Reads what was spent from the attempts in the store. */
export function spentSoFar(store: Store, passId: string, now = Date.now()): Spent {
  const pass = store.spend.ofPass(passId);
  const dayStart = now - (now % 86_400_000);
  // Calls of tables dropped since still spent today's money.
  return { ...pass, dayCost: store.spend.costSince(dayStart) };
}

/** What `calls` calls costing `amount` in all add to each count the caps look at. */
export function callSpending(calls: number, amount: { cost: number; tokens: number }): Spent {
  return { calls, tokens: amount.tokens, cost: amount.cost, dayCost: amount.cost };
}
