import { z } from 'zod';
import type { PlanTaskInput } from './plan.ts';

// Each schema carries its own message, worded to follow the key ("\"retries\" must be …"), so no
// zod default wording ("Invalid input: …") reaches a user.
const text = z.string({ error: 'must be text' });
const name = text.refine((value) => value.trim() !== '', { error: 'must not be empty' });
const wholeNumber = (minimum: number, what: string) => {
  const message = `must be a whole number of ${what}, ${minimum} or more`;
  return z.number({ error: message }).int({ error: message }).min(minimum, { error: message });
};
const jsonValue = z.unknown();

const condition = z.strictObject(
  {
    task: name,
    field: name.optional(),
    equals: jsonValue.optional(),
    notEquals: jsonValue.optional(),
    in: z.array(jsonValue, { error: 'must be a list of values' }).optional(),
    exists: z.boolean({ error: 'must be true or false' }).optional(),
  },
  { error: 'must be a mapping: { task, field?, and one of equals, notEquals, in, exists }' },
);

const critic = z.union(
  [z.boolean(), z.strictObject({ model: name.optional(), threshold: z.number().min(0).max(1).optional() })],
  { error: 'must be true, false, or { model?, threshold? (0–1) }' },
);

/** The zod schema of one task: the `PlanTask` shape, strict so that typos are caught. */
export const planTaskSchema = z.strictObject(
  {
    id: name,
    description: text,
    dependsOn: z.array(name, { error: 'must be a list of task ids' }).optional(),
    agent: name.optional(),
    model: name.optional(),
    command: name.optional(),
    run: z
      .custom<(input: PlanTaskInput) => unknown>((value) => typeof value === 'function', { error: 'must be a function (run is for plans made in code, with runPlan)' })
      .optional(),
    schema: z.record(z.string(), z.unknown(), { error: 'must be a JSON Schema object' }).optional(),
    timeoutMs: wholeNumber(1, 'milliseconds').optional(),
    retries: wholeNumber(0, 'retries').optional(),
    if: condition.optional(),
    critic: critic.optional(),
    onUpstreamFailure: z.enum(['skip', 'run'], { error: 'must be "skip" or "run"' }).optional(),
    values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]), { error: 'must be a mapping of names to text, numbers or true/false' }).optional(),
  },
  { error: 'must be a mapping with id:, description: and dependsOn:, agent:, model:, command: …' },
);

const routing = z.union([z.boolean(), z.strictObject({ fast: name.optional(), quality: name.optional() })], {
  error: 'must be true, false, or { fast?, quality? } (model specs or aliases)',
});

const adapting = z.union([z.boolean(), z.strictObject({ maxAdded: wholeNumber(0, 'tasks').optional(), maxAddedTasks: wholeNumber(0, 'tasks').optional() })], {
  error: 'must be true, false, or { maxAdded?, maxAddedTasks? } (whole numbers of tasks)',
});

/** The zod schema of a plan (a plan file, or a plan given to `runPlan`); rules between tasks are `planProblems`'. */
export const planSchema = z.strictObject(
  {
    name: name.optional(),
    goal: text.optional(),
    /** The planner's strategy, when a planner made the plan. */
    strategy: name.optional(),
    route: routing.optional(),
    adapt: adapting.optional(),
    tasks: z.array(planTaskSchema, { error: 'must be a list of tasks' }).min(1, { error: 'must hold at least one task' }),
  },
  { error: 'must be a mapping with tasks: (a list of tasks), and optionally name:, goal:, route: and adapt:' },
);
