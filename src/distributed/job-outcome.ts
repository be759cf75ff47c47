import { z } from 'zod';
import type { SwarmEvent } from '../events/swarm-event.ts';

/**
 * What a worker hands back for one dispatch: every row's answer or failure (rows left out stay
 * pending: the pass stopped under them), every call it made, answers for the cache, the events
 * the coordinator's listeners would have seen, agent loops' steps, and a stop when the pass must
 * stop (a budget cap, an account error). The coordinator commits it as its own pool would have.
 */
export type JobOutcome = z.infer<typeof jobOutcomeSchema>;

const usageSchema = z.strictObject({ inputTokens: z.number(), outputTokens: z.number() });

/** Events a worker's recording forwards: progress the coordinator's listeners show. */
export const forwardedEventTypes = ['dispatch-start', 'dispatch-end', 'retry-wait', 'rate-limit', 'tool-call-end', 'warning'] as const;

const eventSchema = z.looseObject({ type: z.enum(forwardedEventTypes), passId: z.string() });

/** One recorded agent loop step, as it travels (see `AgentStepRecord`). */
const stepSchema = z.union([
  z.strictObject({ kind: z.literal('model'), step: z.number(), data: z.unknown(), startedAt: z.number(), endedAt: z.number() }),
  z.strictObject({
    kind: z.literal('tool'),
    step: z.number(),
    toolCallId: z.string(),
    toolName: z.string(),
    data: z.unknown(),
    isError: z.boolean(),
    startedAt: z.number(),
    endedAt: z.number(),
  }),
]);

/** A step a worker hands back the moment its loop records it (see `streamStep`): the loop's rows and the step. */
export const streamedStepSchema = z.strictObject({ rowIds: z.array(z.string()), step: stepSchema });

/** A step as it travels on its own. */
export type StreamedStep = z.infer<typeof streamedStepSchema>;

export const jobOutcomeSchema = z.strictObject({
  version: z.literal(1),
  /** The worker that answered (its id in `swarm workers`). */
  worker: z.string(),
  done: z.array(z.strictObject({ id: z.string(), output: z.record(z.string(), z.unknown()) })),
  failed: z.array(z.strictObject({ id: z.string(), error: z.string(), errorClass: z.string(), rawOutput: z.string().optional() })),
  attempts: z.array(
    z.strictObject({
      rowIds: z.array(z.string()),
      attempt: z.number(),
      status: z.enum(['ok', 'invalid', 'error']),
      errorClass: z.string().optional(),
      errorMessage: z.string().optional(),
      inputTokens: z.number(),
      outputTokens: z.number(),
      cost: z.number().optional(),
      latencyMs: z.number(),
      rawOutput: z.string().optional(),
      cached: z.boolean().optional(),
      startedAt: z.number(),
      endedAt: z.number(),
    }),
  ),
  cache: z.array(z.strictObject({ key: z.string(), text: z.string(), usage: usageSchema })),
  events: z.array(eventSchema).transform((events) => events as unknown as SwarmEvent[]),
  loops: z.array(z.strictObject({ rowIds: z.array(z.string()), steps: z.array(stepSchema), settled: z.boolean() })),
  usage: z.strictObject({
    calls: z.number(),
    rateLimited: z.number(),
    retries: z.number(),
    cached: z.number(),
    inputTokens: z.number(),
    outputTokens: z.number(),
    cost: z.number().optional(),
  }),
  stop: z
    .strictObject({
      reason: z.enum(['aborted', 'provider', 'budget', 'worker']),
      message: z.string(),
      cap: z.enum(['maxCost', 'maxDailyCost', 'maxTokens', 'maxCalls']).optional(),
      errorClass: z.string().optional(),
      keyEnv: z.string().optional(),
    })
    .optional(),
});
