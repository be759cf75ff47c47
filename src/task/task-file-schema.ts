import { z } from 'zod';

/** The task types a task file may name, in the order messages list them. */
export const taskTypes = ['generation', 'translation', 'summarization', 'classification', 'extraction', 'custom'] as const;

/** The output formats a task file may name. */
export const outputFormats = ['jsonl', 'json', 'parquet', 'csv'] as const;

// Every schema carries its own message, worded to follow the key ("\"workers\" must be …"), so no
// zod default wording ("Invalid input: …") reaches a user.
const text = z.string({ error: 'must be text' }).refine((value) => value.trim() !== '', { error: 'must not be empty' });
const flag = z.boolean({ error: 'must be true or false' });
const wholeNumber = (message: string) =>
  z.number({ error: message }).int({ error: message }).min(1, { error: message });
const amount = z.number({ error: 'must be a number of 0 or more' }).nonnegative({ error: 'must be a number of 0 or more' });
const autoOr = (kind: 'count' | 'seconds') => {
  const message = kind === 'count' ? 'must be "auto" or a whole number of 1 or more' : 'must be "auto" or a number of seconds (0 or more)';
  const number = kind === 'count' ? wholeNumber(message) : z.number({ error: message }).nonnegative({ error: message });
  return z.union([z.literal('auto'), number], { error: message });
};

const envVarName = z
  .string({ error: 'must be the name of an environment variable' })
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    error: 'must be the name of an environment variable (like DEEPSEEK_API_KEY), not the key itself',
  });

const httpURL = z.string({ error: 'must be a URL' }).refine(
  (value) => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol),
  // Not echoed: a URL can carry credentials.
  { error: 'must be an http(s) URL, like https://api.deepseek.com/v1' },
);

const userSimulator = z.strictObject(
  { model: text, instruction: text },
  { error: 'must be a mapping with model: and instruction:' },
);

/**
 * The zod schema a task file is validated with: DeepSwarm's task.yaml keys (snake_case, as
 * DeepSwarm writes them) plus Swarm's own. Objects are strict so typos are caught; rules that tie
 * keys together are checked afterwards by `checkTaskRules`.
 */
export const taskFileSchema = z.strictObject(
  {
    task_type: z.enum(taskTypes, { error: `must be one of ${taskTypes.join(', ')}` }),
    prompt_template: text,
    system: text.optional(),
    orchestrator_model: text.optional(),
    worker_model: text,
    worker_api_base: httpURL.optional(),
    worker_api_key_env: envVarName.optional(),
    worker_max_tokens: wholeNumber('must be a whole number of tokens, 1 or more').optional(),
    multi_turn: flag.optional(),
    max_turns: wholeNumber('must be a whole number of turns, 1 or more').optional(),
    seeds_file: text,
    workers: autoOr('count').optional(),
    stagger: autoOr('seconds').optional(),
    batch_size: autoOr('count').optional(),
    output_dir: text.optional(),
    output_format: z.enum(outputFormats, { error: `must be one of ${outputFormats.join(', ')}` }).optional(),
    checkpoint_every: wholeNumber('must be a whole number of rows, 1 or more').optional(),
    worker_script: text.optional(),
    response_schema: z
      .union([text, z.record(z.string(), z.unknown())], {
        error: 'must be a JSON Schema (a mapping with type: object and properties:) or the path of a .json file holding one',
      })
      .optional(),
    completion: z
      .strictObject(
        { marker: text.optional(), regex: text.optional(), json_field: text.optional(), equals: z.unknown().optional() },
        { error: 'must be a mapping: { marker: ... }, { regex: ... } or { json_field: ..., equals: ... }' },
      )
      .optional(),
    next_turn: z
      .union([z.literal('script'), z.strictObject({ template: text.optional(), user_simulator: userSimulator.optional() })], {
        error: 'must be script, { template: ... } or { user_simulator: { model: ..., instruction: ... } }',
      })
      .optional(),
    budget: z
      .strictObject(
        { max_cost: amount.optional(), max_daily_spend: amount.optional(), max_tokens: amount.optional(), max_calls: amount.optional() },
        { error: 'must be a mapping with any of max_cost, max_daily_spend, max_tokens, max_calls' },
      )
      .optional(),
    mode: z.enum(['online', 'batch'], { error: 'must be online or batch' }).optional(),
    seed_count: wholeNumber('must be a whole number of seeds, 1 or more').optional(),
    seed_instruction: text.optional(),
  },
  { error: 'must be a mapping of task settings' },
);

/** A task file as written, after type checks and before defaults. */
export type TaskFile = z.infer<typeof taskFileSchema>;
