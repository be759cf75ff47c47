import type { LanguageModelV4 } from '@ai-sdk/provider';
import { askForJson } from '../call/ask-for-json.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { compileJsonSchema } from '../json-schema/compile-json-schema.ts';
import { describeValidationErrors } from '../pass/response-schema.ts';
import type { Plan, PlanTask } from '../plan/plan.ts';
import { linkUpstreamResults } from './link-upstream-results.ts';
import { freeId } from './free-id.ts';
import { planName } from './plan-name.ts';
import { planProblems } from './plan-problems.ts';

/** Options of `adaptPlan`. */
export interface AdaptPlanOptions {
  /** The orchestrator model; give a governed one for limits, budget, retries and recording. */
  model: LanguageModelV4;
  /** The most tasks added after this task. Default 3. */
  maxAdded?: number;
  /** The most tasks the plan may grow to, over every adaptation of the run. Default 50. */
  maxTasks?: number;
  /** Ids of the tasks that have not started: those depending on the finished task wait for the added ones too. Default none. */
  notStarted?: readonly string[];
  /** Agent types added tasks may be given to, by name, with what each can do. Default none. */
  agents?: Readonly<Record<string, string>>;
  abortSignal?: AbortSignal;
}

/** What `adaptPlan` did: the plan (the same object when nothing was added), the tasks added, and why a proposal was refused. */
export interface PlanAdaptation {
  plan: Plan;
  added: PlanTask[];
  /** Set when the model's proposal could not be used: the plan is left as it was. */
  problems?: string[];
}

// Enough of a result for the model to judge it, not the whole of a long one.
const shownResultCharacters = 4000;

/**
 * Adaptive planning: after `finished` ends with `result`, asks the model whether the result calls
 * for follow-up tasks, and adds at most `maxAdded` of them (never past `maxTasks`), each depending
 * on `finished` and given its result. Existing tasks are not changed, except that those in
 * `notStarted` which depend on `finished` also depend on (and are given the results of) the added
 * ones. The plan stays acyclic: added tasks depend only on a finished task. No call is made when
 * there is no room. A proposal that does not match the schema adds nothing and says why.
 */
export async function adaptPlan(
  plan: Plan,
  finished: PlanTask,
  result: unknown,
  { model, maxAdded = 3, maxTasks = 50, notStarted = [], agents = {}, abortSignal }: AdaptPlanOptions,
): Promise<PlanAdaptation> {
  if (!Number.isInteger(maxAdded) || maxAdded < 0) throw new InvalidInputError(`maxAdded must be a whole number ≥ 0, got ${maxAdded}`);
  const room = Math.min(maxAdded, maxTasks - plan.tasks.length);
  if (room <= 0) return { plan, added: [] };
  const schema = followUpSchema(room, Object.keys(agents));
  const { value } = await askForJson(model, { prompt: followUpPrompt(plan, finished, result, agents), schema, abortSignal });
  const validate = compileJsonSchema(schema);
  if (!validate(value)) return { plan, added: [], problems: [`the proposal does not match its schema: ${describeValidationErrors(validate)}`] };
  const taken = new Set(plan.tasks.map((task) => task.id));
  const added = (value as { tasks: { name: string; description: string; kind: string }[] }).tasks.map(({ name, description, kind }) => {
    const id = freeId(`${finished.id}-${planName(name).slice(0, 40)}`, taken);
    taken.add(id);
    return linkUpstreamResults({ id, description, dependsOn: [finished.id], ...(kind === 'model' ? {} : { agent: kind }) });
  });
  if (added.length === 0) return { plan, added };
  const addedIds = added.map((task) => task.id);
  const waiting = new Set(notStarted);
  const tasks = plan.tasks.map((task) =>
    waiting.has(task.id) && (task.dependsOn ?? []).includes(finished.id) ? linkUpstreamResults({ ...task, dependsOn: [...(task.dependsOn ?? []), ...addedIds] }) : task,
  );
  const adapted = { ...plan, tasks: [...tasks, ...added] };
  const problems = planProblems(adapted, { maxTasks });
  return problems.length > 0 ? { plan, added: [], problems } : { plan: adapted, added };
}

/** The JSON Schema of a proposal of at most `room` follow-ups, each of kind `model` or one of `agents`. */
export function followUpSchema(room: number, agents: string[]): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      tasks: {
        type: 'array',
        maxItems: room,
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', description: 'two or three words naming the task' },
            description: { type: 'string', description: 'the whole prompt of the task' },
            kind: { type: 'string', enum: ['model', ...agents] },
          },
          required: ['name', 'description', 'kind'],
          additionalProperties: false,
        },
      },
    },
    required: ['tasks'],
    additionalProperties: false,
  };
}

/** What the orchestrator is asked after `finished` ended with `result`: the goal, the plan's tasks, the task and its result. */
export function followUpPrompt(plan: Plan, finished: PlanTask, result: unknown, agents: Readonly<Record<string, string>>) {
  const text = typeof result === 'string' ? result : JSON.stringify(result, null, 1);
  const shown = text.length > shownResultCharacters ? `${text.slice(0, shownResultCharacters)}…` : text;
  const kinds = Object.entries(agents)
    .map(([name, description]) => `, or "${name}" (an agent with tools: ${description})`)
    .join('');
  const system =
    'A task of a running plan has finished. Decide whether its result calls for follow-up tasks that the plan does not already have: ' +
    'a lead worth checking, a gap the result admits, a claim that needs verifying. Most results call for none: then answer with no tasks. ' +
    `Each follow-up is a self-contained prompt, given the finished task's result; its kind is "model" (one model answer)${kinds}.`;
  const user = [
    plan.goal === undefined ? undefined : `Goal of the plan: ${plan.goal}`,
    `Tasks of the plan:\n${plan.tasks.map((task) => `- ${task.id}: ${task.description.split('\n', 1)[0]}`).join('\n')}`,
    `Finished task ${finished.id}:\n${finished.description}`,
    `Its result:\n${shown}`,
  ]
    .filter((part) => part !== undefined)
    .join('\n\n');
  return [
    { role: 'system' as const, content: system },
    { role: 'user' as const, content: [{ type: 'text' as const, text: user }] },
  ];
}
