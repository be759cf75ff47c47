import { z } from 'zod';

/** `parallel(prompts, options)` as JSON. */
export const parallelRequestShape = {
  prompts: z.array(z.string().min(1)).min(1).describe('The prompts; each is its own call, and results come back in this order.'),
  model: z.string().optional().describe('"provider:model-id", an alias, or "mock"; default SWARM_MODEL, then swarm.config.yaml.'),
  schema: z.record(z.string(), z.unknown()).optional().describe('JSON Schema (type "object") of each answer; without one each answer is free text.'),
  concurrency: z.union([z.literal('auto'), z.number().int().min(1)]).optional().describe('Calls in flight: "auto" (default) adapts to the provider; a number caps it.'),
  cache: z.boolean().optional().describe('Answer identical prompts from the store (default true).'),
  maxAttempts: z.number().int().min(1).optional().describe('Attempts per prompt on transient errors (default 6); rate-limit waits use none.'),
  timeoutMs: z.number().int().min(1).optional(),
  maxCost: z.number().min(0).optional().describe('Stop before these prompts spend more than this many USD.'),
};

/** A prompt fan-out, as JSON. */
export const parallelRequestSchema = z.strictObject(parallelRequestShape);

/** The JSON form of a `parallel()` call. */
export type ParallelRequest = z.infer<typeof parallelRequestSchema>;
