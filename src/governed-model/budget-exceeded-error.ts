import type { BudgetLimits } from '../budget/budget-limits.ts';
import { SwarmError } from '../errors/swarm-error.ts';

/** The next attempt would pass a budget cap, even once the calls in flight are settled: it is not sent. */
export class BudgetExceededError extends SwarmError {
  readonly cap: keyof BudgetLimits;

  constructor(stop: { cap: keyof BudgetLimits; message: string }) {
    super('BudgetExceededError', stop.message);
    this.cap = stop.cap;
  }

  static override isInstance(error: unknown): error is BudgetExceededError {
    return SwarmError.isInstance(error) && error.name === 'BudgetExceededError';
  }
}
