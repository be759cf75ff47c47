import type { SwarmConfig } from '../config/swarm-config.ts';
import { ModelConfigError } from '../errors/index.ts';

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
  if (expanded === 'mock' || expanded.startsWith('mock?')) return `mock:default${expanded.slice('mock'.length)}`;
  return expanded;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
