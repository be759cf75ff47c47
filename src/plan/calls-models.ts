import type { Plan } from './plan.ts';
import { taskKindOf } from './task-kind.ts';

/** Whether a task of `plan` calls a model (a model or agent task); a plan of commands and functions calls none. */
export function callsModels(plan: Plan): boolean {
  return plan.tasks.some((task) => {
    const kind = taskKindOf(task);
    return kind === 'model' || kind === 'agent';
  });
}
