import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { PlanTask } from '../plan/plan.ts';
import type { PlanStrategy } from './plan-strategy.ts';

/** Parallel branches a template has unless `branches` says otherwise. */
export const defaultBranches = 3;

/**
 * A strategy's template DAG for a goal: `branches` parallel tasks (default 3, at most the
 * strategy's own most), fewer when that would pass `maxTasks`; an InvalidInputError when not even
 * one branch fits.
 */
export function templatePlan(strategy: PlanStrategy, goal: string, { maxTasks, branches = defaultBranches }: { maxTasks: number; branches?: number }): PlanTask[] {
  if (!Number.isInteger(branches) || branches < 1) throw new InvalidInputError(`branches must be a whole number ≥ 1, got ${branches}`);
  const fitting = Math.min(branches, strategy.maxBranches, maxTasks - strategy.fixedTasks);
  if (fitting < 1) {
    throw new InvalidInputError(`the ${strategy.name} strategy needs at least ${strategy.fixedTasks + 1} tasks; maxTasks is ${maxTasks}`);
  }
  return strategy.template(goal, { branches: fitting });
}
