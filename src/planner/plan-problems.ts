import { findPlanProblems } from '../plan/find-plan-problems.ts';
import type { Plan } from '../plan/plan.ts';
import type { TaskCheck } from '../plan/plan-problems.ts';

/**
 * What is wrong with a plan a planner made, each problem a sentence naming the tasks it is about
 * (empty when nothing is): every problem a plan given to `runPlan` would have (its shape, then
 * `planProblems` of src/plan), plus the planner's own limits: more than `maxTasks` tasks, and an
 * agent not in `agents` (when given).
 */
export function planProblems(plan: Plan, { maxTasks = Number.POSITIVE_INFINITY, agents }: { maxTasks?: number; agents?: readonly string[] } = {}): string[] {
  const tasks = Array.isArray(plan?.tasks) ? plan.tasks : [];
  if (tasks.length === 0) return ['the plan has no tasks'];
  const tooMany = tasks.length > maxTasks ? [`the plan has ${tasks.length} tasks; at most ${maxTasks} are allowed`] : [];
  const checkTask: TaskCheck | undefined =
    agents === undefined
      ? undefined
      : (task) => (task.agent === undefined || agents.includes(task.agent) ? undefined : { key: 'agent', message: `the agent "${task.agent}" is not one of: ${agents.join(', ') || '(none)'}` });
  return [...tooMany, ...findPlanProblems(plan, { checkTask }).problems.map((problem) => problem.message)];
}
