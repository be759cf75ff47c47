import type { PlanTask } from '../plan/plan.ts';

/** The names of the planner's built-in strategies. */
export const planStrategyNames = ['research', 'code-analysis', 'data-science', 'document', 'experiment'] as const;

/** One of `planStrategyNames`. */
export type PlanStrategyName = (typeof planStrategyNames)[number];

/**
 * A way of breaking a kind of goal into tasks: the words that pick it, what it tells a planning
 * model about the shape of a good plan, and a template DAG of that shape.
 */
export interface PlanStrategy {
  name: PlanStrategyName;
  /** Patterns (case-insensitive, matched as whole words) whose presence in a goal points at this strategy. */
  keywords: readonly RegExp[];
  /** The shape of a good plan for such a goal, told to a planning model. */
  guidance: string;
  /** Tasks besides the parallel branches: the smallest plan is this many plus one branch. */
  fixedTasks: number;
  /** The most parallel branches its template has. */
  maxBranches: number;
  /** The template DAG for `goal`, with `branches` parallel tasks in its fan-out. */
  template(goal: string, { branches }: { branches: number }): PlanTask[];
}
