import { createHash } from 'node:crypto';
import type { SwarmContext } from '../context/swarm-context.ts';
import type { Plan } from '../plan/plan.ts';
import { createTable } from '../table/create-table.ts';
import { governedSpecModel } from './governed-spec-model.ts';
import { planGoal, type PlanGoalOptions } from './plan-goal.ts';

/** Options of `plan(goal, options)`: the orchestrator model as a spec, and the planner's own options. */
export type PlanForGoalOptions = Omit<PlanGoalOptions, 'model'> & {
  /** The orchestrator model: a spec or alias (default `SWARM_MODEL`, then `model:` in the config). */
  model?: string;
};

/**
 * Makes a plan for `goal` with the orchestrator model resolved from this Swarm's config and
 * environment, governed like every call (its key's limiter, retries, timeouts, the budget caps of
 * swarm.config.yaml), its calls recorded on a pass of the goal's planner table (`planner-…`, one
 * row: the goal), so `swarm spend` counts them: the planner behind `swarm plan run --goal` and the
 * package root's `plan()`.
 */
export async function planForGoal(swarm: SwarmContext, goal: string, { model: spec, ...options }: PlanForGoalOptions = {}): Promise<Plan> {
  const tableId = plannerTableId(goal);
  const ledger = {
    tableId,
    purpose: 'the planner: a plan for the goal',
    async createTable() {
      if (swarm.store.tables.find(tableId) === undefined) await createTable(swarm.store, { tasks: [{ id: 'goal', goal }] }, { id: tableId, cwd: swarm.cwd });
    },
  };
  const model = governedSpecModel(swarm, spec, { ledger, abortSignal: options.abortSignal });
  return planGoal(goal, { ...options, model });
}

/** The table the planner's calls for a goal are recorded on. */
export function plannerTableId(goal: string): string {
  return `planner-${createHash('sha256').update(String(goal)).digest('hex').slice(0, 12)}`;
}
