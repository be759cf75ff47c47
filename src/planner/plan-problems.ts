import type { Plan } from '../plan/plan.ts';
import { findCycle } from './find-cycle.ts';
import { placeholderTask, upstreamPlaceholders } from './upstream-placeholders.ts';

const idPattern = /^[A-Za-z0-9_.-]{1,64}$/;
const kinds = ['agent', 'model', 'command', 'run'] as const;

/**
 * What is wrong with a plan, each problem a sentence naming the tasks it is about (empty when
 * nothing is): no tasks or more than `maxTasks`, ids missing, malformed or repeated, empty
 * descriptions, more than one kind, an agent not in `agents` (when given), unknown or own
 * dependencies, a cycle (named `x → y → x`), and `{tasks.<id>}` placeholders naming a task the
 * task does not depend on.
 */
export function planProblems(plan: Plan, { maxTasks = Number.POSITIVE_INFINITY, agents }: { maxTasks?: number; agents?: readonly string[] } = {}): string[] {
  const problems: string[] = [];
  const tasks = Array.isArray(plan?.tasks) ? plan.tasks : [];
  if (tasks.length === 0) return ['the plan has no tasks'];
  if (tasks.length > maxTasks) problems.push(`the plan has ${tasks.length} tasks; at most ${maxTasks} are allowed`);
  const ids = new Set<string>();
  const repeated = new Set<string>();
  for (const [index, task] of tasks.entries()) {
    const id: unknown = task?.id;
    if (typeof id !== 'string' || !idPattern.test(id)) {
      problems.push(`task ${index + 1} has the id ${JSON.stringify(id)}; ids are 1-64 letters, digits, "-", "_" or "."`);
      continue;
    }
    if (ids.has(id)) repeated.add(id);
    ids.add(id);
  }
  for (const id of repeated) problems.push(`the id "${id}" is used by more than one task`);
  for (const task of tasks) {
    if (typeof task?.id !== 'string') continue;
    const name = `task "${task.id}"`;
    if (typeof task.description !== 'string' || task.description.trim() === '') problems.push(`${name} has no description`);
    const given = kinds.filter((kind) => task[kind] !== undefined);
    if (given.length > 1) problems.push(`${name} has more than one kind (${given.join(', ')}); give one`);
    if (agents !== undefined && typeof task.agent === 'string' && !agents.includes(task.agent)) {
      problems.push(`${name} uses the agent "${task.agent}", which is not one of: ${agents.join(', ') || '(none)'}`);
    }
    const dependsOn = task.dependsOn ?? [];
    if (!Array.isArray(dependsOn)) {
      problems.push(`${name}: dependsOn must be a list of task ids`);
      continue;
    }
    for (const dependency of dependsOn) {
      if (dependency === task.id) problems.push(`${name} depends on itself`);
      else if (!ids.has(dependency)) problems.push(`${name} depends on "${dependency}", which is not a task of the plan`);
    }
    if (typeof task.description !== 'string') continue;
    for (const path of upstreamPlaceholders(task.description)) {
      if (placeholderTask(path, dependsOn) === undefined) {
        problems.push(`${name} names {tasks.${path}} in its description but does not depend on that task`);
      }
    }
  }
  const cycle = findCycle(tasks.filter((task) => typeof task?.id === 'string' && Array.isArray(task.dependsOn ?? [])));
  if (cycle !== undefined) problems.push(`the tasks depend on each other in a cycle: ${cycle.join(' → ')}`);
  return problems;
}
