import type { SwarmConfig } from '../config/swarm-config.ts';
import { ModelConfigError } from '../errors/index.ts';
import { builtInPrices } from './built-in-prices.ts';

/**
 * The spec to use: the explicit `spec`, else SWARM_MODEL, else `model:` from the config, with a
 * config alias expanded (one level) and a bare `mock` completed to `mock:default`.
 */
export function chooseModelSpec(
  spec: string | undefined,
  { config, env }: { config: Pick<SwarmConfig, 'model' | 'aliases'>; env: Readonly<Record<string, string | undefined>> },
): string {
  const chosen = (spec ?? nonEmpty(env.SWARM_MODEL) ?? config.model)?.trim();
  if (chosen === undefined) {
    throw new ModelConfigError(
      'no model chosen: pass --model (or the `model` option), set SWARM_MODEL, or set `model:` in swarm.config.yaml; ' +
        'try `--model mock` for the built-in mock model',
    );
  }
  const expanded = Object.hasOwn(config.aliases, chosen) ? config.aliases[chosen]!.trim() : chosen;
  if (expanded === chosen && isAliasLike(chosen)) {
    const known = Object.keys(config.aliases);
    throw new ModelConfigError(
      `unknown model alias ${JSON.stringify(chosen)}: ` +
        (known.length > 0 ? `the aliases in swarm.config.yaml are ${known.join(', ')}` : 'swarm.config.yaml defines no aliases (under aliases:)') +
        '; or name a model as "provider:model-id", e.g. "openai:gpt-4o-mini", or "mock"',
    );
  }
  if (expanded === 'mock' || expanded.startsWith('mock?')) return `mock:default${expanded.slice('mock'.length)}`;
  return expanded;
}

/** A bare word that is neither `mock` nor a model id the price table knows (those get a "did you mean" from parseModelSpec). */
function isAliasLike(spec: string): boolean {
  if (spec === '' || spec.includes(':') || spec === 'mock' || spec.startsWith('mock?')) return false;
  return !Object.keys(builtInPrices).some((key) => key.endsWith(`:${spec}`));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
