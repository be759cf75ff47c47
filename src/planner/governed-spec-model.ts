import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { SwarmContext } from '../context/swarm-context.ts';
import { governModel } from '../governed-model/govern-model.ts';
import { resolveModel } from '../model/resolve-model.ts';
import { autoConcurrencyCap, limiterForModel } from '../pass/model-limiter.ts';

/**
 * A model spec (or alias; undefined: the default model) resolved from this Swarm's config and
 * environment and governed like every call: its key's limiter, retries, timeouts. For the calls a
 * plan run makes beside its tasks (the planner, critics).
 */
export function governedSpecModel(swarm: SwarmContext, spec: string | undefined, abortSignal?: AbortSignal): LanguageModelV4 {
  const model = resolveModel(spec, { config: swarm.config, env: swarm.env, secrets: swarm.secrets });
  const { limiter } = limiterForModel(swarm, model, autoConcurrencyCap);
  return governModel(model.languageModel, { limiter, secrets: swarm.secrets, ...(abortSignal === undefined ? {} : { abortSignal }) });
}
