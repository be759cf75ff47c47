import { planStrategyNames } from './plan-strategy.ts';

/**
 * The JSON Schema of a planning model's answer: the strategy (asked only when not chosen already)
 * and the tasks, each with an id, its prompt, its kind (`model`, or one of `agents`) and what it
 * depends on.
 */
export function plannerAnswerSchema({ askStrategy, agents, maxTasks }: { askStrategy: boolean; agents: readonly string[]; maxTasks: number }): Record<string, unknown> {
  const task = {
    type: 'object',
    properties: {
      id: { type: 'string', description: 'short, unique, kebab-case, e.g. "research-costs"' },
      description: { type: 'string', description: 'the whole prompt of the task; upstream results as {tasks.<id>}' },
      kind: { type: 'string', enum: ['model', ...agents], description: '"model" for one model answer, else the agent that does it with its tools' },
      dependsOn: { type: 'array', items: { type: 'string' }, description: 'ids of the tasks whose results this one needs' },
    },
    required: ['id', 'description', 'kind', 'dependsOn'],
    additionalProperties: false,
  };
  const tasks = { type: 'array', items: task, minItems: 1, maxItems: maxTasks };
  return askStrategy
    ? { type: 'object', properties: { strategy: { type: 'string', enum: [...planStrategyNames] }, tasks }, required: ['strategy', 'tasks'], additionalProperties: false }
    : { type: 'object', properties: { tasks }, required: ['tasks'], additionalProperties: false };
}
