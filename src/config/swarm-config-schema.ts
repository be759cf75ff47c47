import { z } from 'zod';
import { agentsConfigSchema } from './agents-config-schema.ts';

const envVarName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable (like MY_API_KEY), not the key itself');

const nonNegative = z.number().nonnegative();
const rate = z.number().min(0).max(1);
const positive = z.number().positive();

/** The zod schema swarm.config.yaml is validated with; every object is strict so typos are caught. */
export const swarmConfigSchema = z.strictObject({
  model: z.string().min(1).optional(),
  aliases: z
    .record(z.string().regex(/^[^:\s]+$/, 'alias names cannot contain ":" or spaces'), z.string().min(1))
    .default({}),
  providers: z
    .record(
      z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'provider names are letters, digits, "-" and "_"'),
      z.strictObject({
        baseURL: z.url(),
        apiKeyEnv: envVarName.optional(),
        headers: z.record(z.string(), z.string()).optional(),
      }),
    )
    .default({}),
  prices: z
    .record(
      z.string().regex(/^[^:]+:.+$/, 'price keys are "provider:model-id"'),
      z.strictObject({ inputPerMillion: nonNegative, outputPerMillion: nonNegative }),
    )
    .default({}),
  limits: z
    .record(
      z.string().regex(/^[^:]+(:.+)?$/, 'limit keys are "provider:model-id" or "provider"'),
      z.strictObject({
        requestsPerMinute: positive.optional(),
        inputTokensPerMinute: positive.optional(),
        outputTokensPerMinute: positive.optional(),
        tokensPerMinute: positive.optional(),
        tokensPerDay: positive.optional(),
        maxInFlight: z.number().int().positive().optional(),
        minIntervalMs: nonNegative.optional(),
      }),
    )
    .default({}),
  budget: z
    .strictObject({
      maxCost: nonNegative.optional(),
      maxDailyCost: nonNegative.optional(),
      maxTokens: nonNegative.optional(),
      maxCalls: nonNegative.optional(),
    })
    .optional(),
  agents: agentsConfigSchema,
  backend: z.enum(['local', 'bullmq']).optional(),
  redis: z.string().regex(/^rediss?:\/\//, 'redis is a URL such as redis://127.0.0.1:6379 (a password in it is better given in SWARM_REDIS_URL)').optional(),
  mock: z
    .strictObject({
      latencyMs: nonNegative.optional(),
      jitterMs: nonNegative.optional(),
      failureRate: rate.optional(),
      malformedRate: rate.optional(),
      seed: z.number().int().optional(),
    })
    .optional(),
});
