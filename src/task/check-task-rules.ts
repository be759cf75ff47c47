import { closestMatch } from '../config/closest-match.ts';
import type { TaskFile } from './task-file-schema.ts';
import type { TaskProblem } from './task-problem.ts';
import { taskTemplatePlaceholders } from './task-template-placeholders.ts';

const schemaExamples: Partial<Record<TaskFile['task_type'], string>> = {
  classification: '{ type: object, properties: { label: { type: string, enum: [positive, negative] } }, required: [label] }',
  extraction: '{ type: object, properties: { name: { type: string }, date: { type: string } } }, or the path of a .json file',
};

/**
 * The rules that tie a task file's keys together, checked once each key has the right type: what
 * a task type needs, what only multi-turn tasks may set, and the placeholders templates may use.
 * Files and models are checked elsewhere.
 */
export function checkTaskRules(task: TaskFile): TaskProblem[] {
  const problems: TaskProblem[] = [];
  const problem = (message: string, ...keyPath: string[]) => problems.push({ message, keyPath });
  const type = task.task_type;
  const multiTurn = task.multi_turn === true;

  if (type === 'custom' && task.worker_script === undefined) {
    problem(
      'task_type: custom needs worker_script: a .ts or .js module whose default export handles one row (see examples/tasks/custom-worker.ts)',
      'task_type',
    );
  }
  if ((type === 'classification' || type === 'extraction') && task.response_schema === undefined) {
    problem(`${type} tasks need response_schema, the shape of each answer; e.g. response_schema: ${schemaExamples[type]}`, 'task_type');
  }
  if ((type === 'classification' || type === 'extraction') && multiTurn) {
    problem(`${type} tasks are single-turn: remove multi_turn, or use task_type: generation`, 'multi_turn');
  }
  if (type === 'custom' && multiTurn) {
    problem('custom tasks run their own conversation in the worker script: remove multi_turn', 'multi_turn');
  }
  if (!multiTurn) {
    for (const key of ['completion', 'next_turn'] as const) {
      if (task[key] !== undefined) problem(`"${key}" only applies to multi-turn tasks: set multi_turn: true or remove it`, key);
    }
  }
  if (task.batch_size !== undefined && task.batch_size !== 'auto' && task.batch_size > 1) {
    if (multiTurn) problem('"batch_size" must be 1 (or auto) for multi-turn tasks: each conversation is its own run of calls', 'batch_size');
    else if (type === 'custom') problem('"batch_size" must be 1 (or auto) for custom tasks: the worker script handles one row at a time', 'batch_size');
  }
  if (task.mode === 'batch' && multiTurn) {
    problem('mode: batch cannot run multi-turn tasks: every turn would wait for a batch (up to 24 hours); use mode: online', 'mode');
  } else if (task.mode === 'batch' && type === 'custom') {
    problem('mode: batch cannot run custom tasks: a worker script needs each answer before its next call; use mode: online', 'mode');
  }
  if (task.worker_api_key_env !== undefined && task.worker_api_base === undefined) {
    problem(
      '"worker_api_key_env" only applies with worker_api_base: set worker_api_base, or remove it (named providers read their own key variables)',
      'worker_api_key_env',
    );
  }
  checkCompletion(task, problem);
  checkNextTurn(task, problem);
  checkTemplate(task.prompt_template, ['seed'], 'prompt_template', problem);
  if (type !== 'custom' && isEmpty(taskTemplatePlaceholders(task.prompt_template))) {
    problem('"prompt_template" has no {{seed}} or {column} placeholder, so every row would get the same prompt', 'prompt_template');
  }
  return problems;
}

type Report = (message: string, ...keyPath: string[]) => void;

function checkCompletion({ completion }: TaskFile, problem: Report): void {
  if (completion === undefined) return;
  const rules = (['marker', 'regex', 'json_field'] as const).filter((key) => completion[key] !== undefined);
  if (rules.length !== 1) {
    problem(`"completion" needs exactly one of marker, regex or json_field${rules.length > 1 ? `; got ${rules.join(' and ')}` : ''}`, 'completion');
  }
  if (completion.equals !== undefined && completion.json_field === undefined) {
    problem('"completion.equals" only applies with json_field', 'completion', 'equals');
  }
  if (completion.regex !== undefined) {
    try {
      new RegExp(completion.regex);
    } catch (error) {
      problem(`"completion.regex" is not a valid regular expression: ${(error as Error).message}`, 'completion', 'regex');
    }
  }
}

function checkNextTurn({ next_turn: nextTurn, worker_script: workerScript }: TaskFile, problem: Report): void {
  if (nextTurn === undefined) return;
  if (nextTurn === 'script') {
    if (workerScript === undefined) {
      problem('next_turn: script needs worker_script: a .ts or .js module exporting nextTurn(conversation, row)', 'next_turn');
    }
    return;
  }
  if ((nextTurn.template === undefined) === (nextTurn.user_simulator === undefined)) {
    problem('"next_turn" needs exactly one of template or user_simulator', 'next_turn');
  }
  if (nextTurn.template !== undefined) checkTemplate(nextTurn.template, ['last', 'turn', 'seed'], 'next_turn.template', problem);
}

function checkTemplate(template: string, allowed: readonly string[], key: string, problem: Report): void {
  for (const variable of taskTemplatePlaceholders(template).variables) {
    if (allowed.includes(variable)) continue;
    const suggestion = closestMatch(variable, allowed);
    problem(
      `"${key}" uses {{${variable}}}` +
        (suggestion === undefined ? '' : ` (did you mean {{${suggestion}}}?)`) +
        `; its {{…}} placeholders are ${allowed.map((name) => `{{${name}}}`).join(', ')}, and {column} is a row value`,
      ...key.split('.'),
    );
  }
}

function isEmpty({ variables, columns }: { variables: string[]; columns: string[] }): boolean {
  return variables.length === 0 && columns.length === 0;
}
