/** Spending caps. A pass that would pass one stops cleanly and leaves the rest pending. */
export interface BudgetLimits {
  /** USD this pass may spend, over all its runs. */
  maxCost?: number;
  /** USD all passes in this store may spend per UTC day (`max_daily_spend`). */
  maxDailyCost?: number;
  /** Input plus output tokens this pass may use, over all its runs. */
  maxTokens?: number;
  /** Provider calls this pass may make, over all its runs. */
  maxCalls?: number;
}
