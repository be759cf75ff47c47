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
  const pass = store
    .statement(`SELECT coalesce(sum(cost), 0) AS cost, coalesce(sum(input_tokens + output_tokens), 0) AS tokens, count(*) AS calls FROM attempts WHERE pass_id = ?`)
    .get(passId) as { cost: number; tokens: number; calls: number };
  const dayStart = now - (now % 86_400_000);
  // Calls of tables dropped since still spent today's money.
  const today = store
    .statement(
      `SELECT (SELECT coalesce(sum(cost), 0) FROM attempts WHERE started_at >= ?1)
            + (SELECT coalesce(sum(cost), 0) FROM dropped_spend WHERE day_start >= ?1) AS cost`,
    )
    .get(dayStart) as { cost: number };
  return { ...pass, dayCost: today.cost };
}

/** What `calls` calls costing `amount` in all add to each count the caps look at. */
export function callSpending(calls: number, amount: { cost: number; tokens: number }): Spent {
  return { calls, tokens: amount.tokens, cost: amount.cost, dayCost: amount.cost };
}
