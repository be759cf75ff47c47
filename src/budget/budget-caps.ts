import { formatCost } from '../format/format-numbers.ts';
import type { BudgetLimits } from './budget-limits.ts';
import type { Spent } from './spent-so-far.ts';

/** Every cap, in the order a stop names them: what it counts of what was spent, and how to show it. */
export const budgetCaps: ReadonlyArray<{ cap: keyof BudgetLimits; used: (spent: Spent) => number; format: (value: number) => string }> = [
  { cap: 'maxCalls', used: (spent) => spent.calls, format: (value) => String(Math.round(value)) },
  { cap: 'maxTokens', used: (spent) => spent.tokens, format: (value) => String(Math.round(value)) },
  { cap: 'maxCost', used: (spent) => spent.cost, format: formatCost },
  { cap: 'maxDailyCost', used: (spent) => spent.dayCost, format: formatCost },
];
