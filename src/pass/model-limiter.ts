import type { SwarmConfig } from '../config/swarm-config.ts';
import type { KeyLimiter } from '../limit/key-limiter.ts';
import type { LimiterRegistry } from '../limit/limiter-registry.ts';
import type { ResolvedModel } from '../model/resolved-model.ts';

/**
 * `concurrency: 'auto'` adapts below this cap. It is what one process holds comfortably (sockets,
 * memory), not a guess at a provider's limit: calls in flight follow from the provider's rate ×
 * its latency, 1,000 at 500 calls/s of 2 s each.
 */
export const autoConcurrencyCap = 2048;
// With limits known the pacer spaces the calls; this many may wait on it at once.
const knownLimitsInitialConcurrency = 32;

/** Identifies the limiter of a model's provider key and model. */
export function limiterKeyOf(model: ResolvedModel): string {
  return `${model.keyId}|${model.modelId}`;
}

/** The limiter of a model's key, with the config's limits for it: provider-wide entries, refined by the model's own. */
export function limiterForModel(
  { limiters, config }: { limiters: LimiterRegistry; config: SwarmConfig },
  model: ResolvedModel,
  concurrency: number,
): { limiter: KeyLimiter; limiterKey: string } {
  const limiterKey = limiterKeyOf(model);
  const limiter = limiters.limiterFor(limiterKey, {
    limits: { ...config.limits?.[model.provider], ...config.limits?.[`${model.provider}:${model.modelId}`], ...config.limits?.[model.spec] },
    maxConcurrency: concurrency,
    initialConcurrency: Math.min(concurrency, knownLimitsInitialConcurrency),
    adaptive: true,
  });
  return { limiter, limiterKey };
}
