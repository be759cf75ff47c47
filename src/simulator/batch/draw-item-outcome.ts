import { buildAnswer } from '../build-answer.ts';
import { drawCallFate } from '../call-fate.ts';
import type { ProviderDialect } from '../provider-dialect.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import type { SimulatorContext } from '../simulator-context.ts';
import type { SimulatedItemOutcome } from './simulated-batch.ts';

/**
 * Processes one batch item as an online call would be: the same fault draws and answer generator.
 * Faults that have no meaning without a connection change form: a hang never finishes (it expires),
 * a dropped connection or an error mid-stream is ignored. Limits are not applied (batch queues have
 * their own). Then `expireFraction` picks items that run out of time. A string `call` is a request
 * the provider could not read.
 */
export function drawItemOutcome(
  context: SimulatorContext,
  dialect: ProviderDialect,
  call: SimulatedCall | string,
  { expireFraction, nowMs }: { expireFraction: number; nowMs: number },
): SimulatedItemOutcome {
  if (typeof call === 'string') return { kind: 'error', error: { kind: 'bad-request', message: call } };
  if (call.refusal !== undefined) return { kind: 'error', error: { kind: 'bad-request', ...call.refusal } };
  const fate = drawCallFate(context.random, context.faults, context.latency);
  // Drawn for every item, so the expiry setting does not reshuffle the faults.
  const expires = context.random() < expireFraction;
  if (fate.overloaded) return { kind: 'error', error: { kind: 'overloaded' } };
  if (fate.serverErrorStatus !== undefined) return { kind: 'error', error: { kind: 'server-error', status: fate.serverErrorStatus } };
  if (fate.injectedRateLimit) {
    const retryAfterMs = context.faults.rateLimitRetryAfterMs;
    return {
      kind: 'error',
      error: { kind: 'rate-limit', model: call.model, limit: 'requestsPerMinute', limitValue: 1_000_000, used: 1_000_000, requested: 1, retryAfterMs },
    };
  }
  if (fate.hang || expires) return { kind: 'expire' };
  const breakage = fate.malformed ? 'malformed' : fate.truncated ? 'truncated' : undefined;
  return { kind: 'answer', call, answer: buildAnswer(call, { seed: context.seed, breakage, id: dialect.answerId(), nowMs, toolCallId: dialect.toolCallId }) };
}
