import type { SwarmContext } from '../context/swarm-context.ts';
import type { Plan } from '../plan/plan.ts';
import { governedSpecModel } from './governed-spec-model.ts';
import { planGoal, type PlanGoalOptions } from './plan-goal.ts';

/** Options of `plan(goal, options)`: the orchestrator model as a spec, and the planner's own options. */
export type PlanForGoalOptions = Omit<PlanGoalOptions, 'model'> & {
  /** The orchestrator model: a spec or alias (default `SWARM_MODEL`, then `model:` in the config). */
  model?: string;
};

/**
 * Makes a plan for `goal` with the orchestrator model resolved from this Swarm's config and
 * environment, governed like every call (its key's limiter, retries, timeouts): the planner behind
 * `swarm plan run --goal` and the package root's `plan()`.
 */
export async function planForGoal(swarm: SwarmContext, goal: string, { model: spec, ...options }: PlanForGoalOptions = {}): Promise<Plan> {
  return planGoal(goal, { ...options, model: governedSpecModel(swarm, spec, options.abortSignal) });
}
