import type { SwarmContext } from '../../context/swarm-context.ts';
import type { Plan } from '../../plan/plan.ts';
import { plannerTableId } from '../../planner/plan-for-goal.ts';
import { projectPlan, type PlanProjection } from '../../planner/project-plan.ts';
import { adaptSettings } from '../../run-plan/plan-adapter.ts';
import { routingOf } from '../../run-plan/run-plan.ts';

/** What the planner's calls for a goal spent (recorded on its table), over every time it was planned. */
export interface PlannerSpend {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cost: number | undefined;
}

/**
 * `swarm plan run --dry-run`: the plan's projection as the run would go (the plan's or the flags'
 * routing and adaptive planning), and, for a plan made from a goal, what making it spent.
 */
export function planDryRun(
  swarm: SwarmContext,
  plan: Plan,
  { model, route, adapt, goal }: { model: string | undefined; route: boolean | undefined; adapt: boolean | undefined; goal: string | undefined },
): { projection: PlanProjection; planner?: PlannerSpend } {
  const routing = routingOf(route === true ? true : plan.route);
  const adapting = adaptSettings(adapt ?? plan.adapt, model);
  const projection = projectPlan(plan, {
    model,
    ...(routing === undefined ? {} : { route: routing }),
    ...(adapting === undefined ? {} : { adapt: { maxAdded: adapting.maxAdded, maxAddedTasks: adapting.maxAddedTasks, ...(typeof adapting.model === 'string' ? { model: adapting.model } : {}) } }),
    config: swarm.config,
    env: swarm.env,
  });
  if (goal === undefined || swarm.store.tables.find(plannerTableId(goal)) === undefined) return { projection };
  const planner: PlannerSpend = { calls: 0, inputTokens: 0, outputTokens: 0, cost: undefined };
  for (const pass of swarm.store.passes.list(plannerTableId(goal))) {
    planner.calls += pass.calls;
    planner.inputTokens += pass.inputTokens;
    planner.outputTokens += pass.outputTokens;
    if (pass.cost !== undefined) planner.cost = (planner.cost ?? 0) + pass.cost;
  }
  return { projection, planner };
}
