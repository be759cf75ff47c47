import type { PlanTask, PlanTaskKind } from './plan.ts';

/** How a task is done: the one of `agent`, `command`, `run` it has, else one model call. */
export function taskKindOf(task: Pick<PlanTask, 'agent' | 'command' | 'run'>): PlanTaskKind {
  if (task.agent !== undefined) return 'agent';
  if (task.command !== undefined) return 'command';
  if (task.run !== undefined) return 'function';
  return 'model';
}
