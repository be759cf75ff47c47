import { z } from 'zod';
import { passDefaults } from '../pass/pass-defaults.ts';

const whole = z.number().int().min(1);
const autoOrWhole = z.union([z.literal('auto'), whole]);
const jsonObject = z.record(z.string(), z.unknown());

/**
 * The options of `run(tableId, options)` as JSON (HTTP bodies, MCP tool arguments): the library's
 * names, without what cannot cross a wire (functions, model instances, signals). A model pass
 * gives `instruction` and `responseSchema`; a command pass gives `command`.
 */
export const runOptionsShape = {
  instruction: z.string().optional().describe('Per-row template: {column} placeholders take the row\'s values; with none, the prompt shows the whole row. Required unless `command` is given.'),
  responseSchema: jsonObject.optional().describe('JSON Schema (type "object") of each answer; its properties become columns. Required unless `command` is given.'),
  command: z.string().optional().describe('Instead of a model, run this shell command line for each row; {column} placeholders become shell-quoted values; stdout is the `output` column.'),
  context: z.string().optional().describe('Prose prepended to every prompt.'),
  filter: jsonObject.optional().describe('Only rows matching this filter, e.g. {"column":"label","exists":false} or {"status":"failed"}.'),
  limit: whole.optional().describe('Only the first n matching rows (a pilot).'),
  model: z.string().optional().describe('"provider:model-id", an alias, or "mock"; default SWARM_MODEL, then swarm.config.yaml.'),
  subagentType: z.string().optional().describe('Answer each row with an agent loop of this subagent type and its tools.'),
  batchSize: autoOrWhole.optional().describe(`Rows per call: "auto" (default) or a number.`),
  concurrency: autoOrWhole.optional().describe(`Calls in flight: "auto" (default ${passDefaults.concurrency}) adapts to the provider; a number caps it.`),
  maxAttempts: whole.optional().describe(`Attempts per call on transient errors (default ${passDefaults.maxAttempts}); rate-limit waits use none.`),
  timeoutMs: whole.optional().describe(`Abort and retry a call after this long (default ${passDefaults.timeoutMs}).`),
  overwrite: z.boolean().optional().describe('Allow replacing columns written by the source or another pass.'),
  stream: z.boolean().optional().describe('Stream each answer, so a stalled first token is retried early.'),
  firstTokenTimeoutMs: whole.optional(),
  maxOutputTokens: whole.optional().describe("Cap on each call's output tokens."),
  maxFileBytes: whole.optional().describe('Largest file a {file} placeholder may read.'),
  mode: z.enum(['online', 'batch']).optional().describe('"batch" sends first calls through the provider\'s batch API at about half price.'),
  batchPollIntervalMs: whole.optional(),
  cache: z.boolean().optional().describe('Answer identical requests from the store (default true).'),
  maxCost: z.number().min(0).optional().describe('Stop before this pass spends more than this many USD.'),
  maxDailyCost: z.number().min(0).optional().describe('Stop before the store spends more than this many USD today (UTC).'),
  maxTokens: whole.optional().describe('Stop before this pass uses more tokens than this.'),
  maxCalls: whole.optional().describe('Stop before this pass makes more provider calls than this.'),
  isolation: z.enum(['none', 'worktree']).optional().describe('With `command`: "worktree" gives each row its own git worktree and branch.'),
  cwd: z.string().optional().describe('With `command`: the folder commands run in.'),
  passEnv: z.array(z.string()).optional().describe('With `command`: variables passed although they look like secrets.'),
  maxOutputBytes: whole.optional().describe('With `command`: more stdout than this fails the row.'),
};

/** A pass's options as JSON; which variant (model or command) is checked by `preparePass`. */
export const runOptionsSchema = z.strictObject(runOptionsShape);

/** The JSON form of `RunOptions`. */
export type RunOptionsRequest = z.infer<typeof runOptionsSchema>;
