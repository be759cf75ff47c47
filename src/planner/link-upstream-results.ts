import type { PlanTask } from '../plan/plan.ts';
import { taskReferencesOf } from '../plan/task-references.ts';

/**
 * The task with every dependency its description does not name appended as a `{tasks.<id>}`
 * placeholder: results reach a task only through placeholders, and a model that lists a
 * dependency without naming it in the prompt still means the task to use it.
 */
export function linkUpstreamResults(task: PlanTask): PlanTask {
  const dependsOn = task.dependsOn ?? [];
  const named = new Set(taskReferencesOf(task.description, new Set(dependsOn)).references.map((reference) => reference.taskId));
  const missing = dependsOn.filter((id) => !named.has(id));
  if (missing.length === 0) return task;
  return { ...task, description: `${task.description.trimEnd()}\n\n${missing.map((id) => `Result of ${id}:\n{tasks.${id}}`).join('\n\n')}` };
}
