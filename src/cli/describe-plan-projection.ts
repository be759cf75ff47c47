import { formatCost, formatCount } from '../format/format-numbers.ts';
import { plural } from '../format/plural.ts';
import type { Plan } from '../plan/plan.ts';
import type { PlanProjection } from '../planner/project-plan.ts';
import type { PlannerSpend } from './plan/plan-dry-run.ts';
import { formatColumns } from './format-columns.ts';

/**
 * A plan's tasks (how each is done, what it waits for) with their projected calls, tokens and cost,
 * the totals, what adaptive planning may add, and what making the plan spent: `--dry-run`.
 */
export function describePlanProjection(plan: Plan, projection: PlanProjection, planner?: PlannerSpend): string {
  const byId = new Map(projection.byTask.map((task) => [task.id, task]));
  const rows = plan.tasks.map((task) => {
    const projected = byId.get(task.id)!;
    const kind = task.agent !== undefined ? `agent ${task.agent}` : task.command !== undefined ? 'command' : task.run !== undefined ? 'function' : 'model';
    return [
      task.id,
      kind,
      (task.dependsOn ?? []).join(', ') || '-',
      String(projected.calls),
      formatCount(projected.inputTokens),
      formatCount(projected.outputTokens),
      projected.calls === 0 ? '-' : formatCost(projected.cost),
    ];
  });
  const title = `Plan ${plan.name ?? '(unnamed)'}${plan.strategy === undefined ? '' : ` (${plan.strategy})`}: ${plural(plan.tasks.length, 'task')}\n`;
  const totals =
    `Projected: ${plural(projection.calls, 'call')}, ${formatCount(projection.inputTokens)} input and ${formatCount(projection.outputTokens)} output tokens, ` +
    `${formatCost(projection.cost)}${projection.unpricedModels.length === 0 ? '' : ` (no price for ${projection.unpricedModels.join(', ')})`}; ` +
    'retries, critic re-runs and longer agent loops not counted\n';
  const { adaptive } = projection;
  const adapting =
    adaptive === undefined
      ? ''
      : `Adaptive planning, at most: ${plural(adaptive.calls, 'call')} to ${adaptive.model} and ${plural(adaptive.maxAddedTasks, 'added task')}, ` +
        `${formatCount(adaptive.inputTokens)} input and ${formatCount(adaptive.outputTokens)} output tokens, ${formatCost(adaptive.cost)} (not in the total above)\n`;
  const planned =
    planner === undefined ? '' : `Planning this goal, so far: ${plural(planner.calls, 'call')}, ${formatCount(planner.inputTokens)} input and ${formatCount(planner.outputTokens)} output tokens, ${formatCost(planner.cost)} (spent)\n`;
  return title + formatColumns(['TASK', 'KIND', 'DEPENDS ON', 'CALLS', 'INPUT', 'OUTPUT', 'COST'], rows) + totals + adapting + planned;
}
