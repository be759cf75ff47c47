import { z } from 'zod';

/**
 * How a worker answers the dispatches of one pass run: everything the coordinator prepared that a
 * worker needs, as data. Models, functions and agent types travel by name (a worker resolves them
 * from its own environment and config: API keys never travel); paths inside the coordinator's
 * working folder travel relative to it (a worker resolves them against its own).
 */
export type PassRecipe = z.infer<typeof passRecipeSchema>;

const budgetLimitsSchema = z.strictObject({
  maxCost: z.number().optional(),
  maxDailyCost: z.number().optional(),
  maxTokens: z.number().optional(),
  maxCalls: z.number().optional(),
});

const jsonObject = z.record(z.string(), z.unknown());

const modelAnswerSchema = z.strictObject({
  kind: z.literal('model'),
  /** The model spec; `bound`: a model instance that exists only in the coordinator's process. */
  model: z.string(),
  bound: z.boolean(),
  instruction: z.string(),
  context: z.string().optional(),
  maxFileBytes: z.number(),
  maxAttempts: z.number(),
  stream: z.boolean(),
  firstTokenTimeoutMs: z.number(),
  maxOutputTokens: z.number().optional(),
  /** Answers go to the response cache (sent back with the outcome; workers answer nothing from it). */
  cache: z.boolean(),
  /** Folder `{file}` rows' files are relative to (their content goes in the prompt). */
  fileRoot: z.string().optional(),
  /** An agent pass: the subagent type by name (each worker's own definition), and where a table's files are. */
  agent: z.strictObject({ type: z.string(), tableFileRoot: z.string().optional() }).optional(),
  /** A function pass: the function by key (`workerKey`); `bound`: it exists only in the coordinator's process. */
  worker: z.strictObject({ key: z.string(), bound: z.boolean() }).optional(),
});

const commandAnswerSchema = z.strictObject({
  kind: z.literal('command'),
  template: z.string(),
  isolation: z.enum(['none', 'worktree']),
  cwd: z.string(),
  passEnv: z.array(z.string()),
  maxOutputBytes: z.number(),
  outputSchema: jsonObject.optional(),
  fileRoot: z.string().optional(),
  /** The column each row's command reads on stdin (a plan's command task). */
  stdinColumn: z.string().optional(),
  /** Variables every command of the pass gets besides the worker's environment (a plan's command task: its id). */
  env: z.record(z.string(), z.string()).optional(),
});

/** The recipe as JSON is checked against this on every worker (workers and coordinators of other versions meet here). */
export const passRecipeSchema = z.strictObject({
  version: z.literal(1),
  passId: z.string(),
  tableId: z.string(),
  runId: z.string(),
  /** The stream outcomes go to. */
  results: z.string(),
  /** The run's shared budget, when the pass has caps. */
  budget: z.strictObject({ key: z.string(), limits: budgetLimitsSchema }).optional(),
  /** The columns the pass writes, as the row's JSON Schema. */
  responseSchema: jsonObject,
  placeholders: z.array(z.string()),
  tableColumns: z.array(z.string()),
  concurrency: z.number(),
  timeoutMs: z.number(),
  /** A task file's job: the task itself (its worker script, conversations, endpoint), which workers rebuild the pass from. */
  task: jsonObject.optional(),
  answer: z.discriminatedUnion('kind', [modelAnswerSchema, commandAnswerSchema]),
});
