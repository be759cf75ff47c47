import { closestMatch } from '../config/closest-match.ts';
import { commandPlaceholdersOf, unsafePlaceholder } from '../shell/command-template.ts';
import { findCycle } from './find-cycle.ts';
import type { Plan, PlanTask } from './plan.ts';
import type { PlanProblem } from './plan-problem.ts';
import { taskReferencesOf } from './task-references.ts';

/** Checks of a task of `plan` that need the engine (its agent type and model known, its schema compiled); none: not checked. */
export type TaskCheck = (task: PlanTask, plan: Plan) => { key: keyof PlanTask; message: string } | undefined;

const idPattern = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const valueNamePattern = /^[A-Za-z_][\w.-]*$/;
// The columns every task's row has, which a command may name besides its `values`.
const rowColumns = ['id', 'description'] as const;
const reservedValueNames = new Set<string>([...rowColumns, 'upstream']);

/**
 * Every rule a plan breaks, each with the key path at fault, in plan order: ids (pattern,
 * duplicates), one of `agent`/`model`/`command`/`run`, dependencies (unknown, cycles, named
 * `x → y → z → x`), conditions on a task not depended on, `{tasks.<id>}` placeholders naming no task
 * or one not in `dependsOn` (a task reads only the results of the tasks it depends on directly),
 * a command's placeholders (known names, written bare), and whatever `checkTask` finds.
 */
export function planProblems(plan: Plan, { checkTask }: { checkTask?: TaskCheck } = {}): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const ids = new Set(plan.tasks.map((task) => task.id));
  const seen = new Set<string>();
  plan.tasks.forEach((task, index) => {
    const at = (...keys: (string | number)[]) => ['tasks', index, ...keys];
    const problem = (keyPath: (string | number)[], message: string) => problems.push({ keyPath, message });
    if (!idPattern.test(task.id)) problem(at('id'), `task id ${JSON.stringify(task.id)} must be letters, digits, ".", "_" or "-" (at most 128)`);
    if (seen.has(task.id)) problem(at('id'), `duplicate task id ${JSON.stringify(task.id)}: every task of a plan needs its own id`);
    seen.add(task.id);

    const ways = (['agent', 'model', 'command', 'run'] as const).filter((key) => task[key] !== undefined);
    if (ways.length > 1) {
      problem(at(ways[1]!), `task ${task.id} has ${ways.join(' and ')}: give one of agent, model, command, run (each says how the task is done)`);
    }
    if (task.schema !== undefined && task.schema.type !== 'object') problem(at('schema'), `task ${task.id}: schema must be a JSON Schema with type: object`);
    if (task.description.trim() === '' && task.command === undefined && task.run === undefined) problem(at('description'), `task ${task.id}: description must not be empty (it is the prompt)`);

    const dependsOn = task.dependsOn ?? [];
    dependsOn.forEach((dependency, position) => {
      if (ids.has(dependency)) return;
      // Not itself, nor a task it already depends on.
      const suggestion = closestMatch(dependency, [...ids].filter((id) => id !== task.id && !dependsOn.includes(id)));
      problem(at('dependsOn', position), `task ${task.id} depends on ${JSON.stringify(dependency)}, which is not a task of the plan${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`);
    });
    const direct = new Set(dependsOn);
    const notDependedOn = `it is not in the dependsOn of task ${task.id}: add it there (a task reads only the results of the tasks it depends on)`;

    if (task.if !== undefined) {
      const operators = (['equals', 'notEquals', 'in', 'exists'] as const).filter((key) => key in task.if! && task.if![key] !== undefined);
      if (operators.length !== 1) problem(at('if'), `task ${task.id}: if needs exactly one of equals, notEquals, in, exists (has ${operators.length === 0 ? 'none' : operators.join(', ')})`);
      if (!direct.has(task.if.task)) problem(at('if', 'task'), `task ${task.id}: if names task ${JSON.stringify(task.if.task)}, but ${notDependedOn}`);
    }

    const checkReferences = (text: string, key: 'description' | 'command') => {
      const { references, unknown } = taskReferencesOf(text, ids);
      for (const placeholder of unknown) problem(at(key), `task ${task.id}: ${placeholder} names no task of the plan`);
      for (const reference of references) {
        if (!direct.has(reference.taskId)) problem(at(key), `task ${task.id}: ${reference.placeholder} names task ${reference.taskId}, but ${notDependedOn}`);
      }
    };
    checkReferences(task.description, 'description');

    for (const name of Object.keys(task.values ?? {})) {
      if (!valueNamePattern.test(name) || reservedValueNames.has(name) || name.startsWith('tasks.')) {
        problem(at('values', name), `task ${task.id}: ${JSON.stringify(name)} cannot name a value (a name is letters, digits, "_", "." or "-"; not id, description, upstream, tasks.…)`);
      }
    }
    if (task.command !== undefined) {
      checkReferences(task.command, 'command');
      const columns = [...rowColumns, ...Object.keys(task.values ?? {})];
      const placeholders = commandPlaceholdersOf(task.command, columns);
      for (const name of placeholders) {
        if (name.startsWith('tasks.') || columns.includes(name)) continue;
        problem(at('command'), `task ${task.id}: the command uses {${name}}; a command may use {id}, {description}, {tasks.<id>}, {tasks.<id>.<field>}${columns.length > rowColumns.length ? ` and its values (${columns.slice(rowColumns.length).map((each) => `{${each}}`).join(', ')})` : ''}`);
      }
      const unsafe = unsafePlaceholder(task.command, placeholders);
      if (unsafe !== undefined) problem(at('command'), `task ${task.id}: ${unsafe}`);
    }

    const found = checkTask?.(task, plan);
    if (found !== undefined) problem(at(found.key), `task ${task.id}: ${found.message}`);
  });

  const cycle = findCycle(plan.tasks);
  if (cycle !== undefined) {
    const index = plan.tasks.findIndex((task) => task.id === cycle[0]);
    problems.push({ keyPath: ['tasks', index, 'dependsOn'], message: `dependency cycle: ${cycle.join(' → ')}` });
  }
  return problems;
}
