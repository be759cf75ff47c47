import type { SwarmConfig } from '../config/swarm-config.ts';
import { builtInProviders } from './built-in-providers.ts';

/** The environment variables API keys are read from: the built-in providers' and the config's. */
export function keyVariables(config: SwarmConfig): string[] {
  const names = new Set<string>();
  for (const provider of Object.values(builtInProviders)) if (provider.apiKeyEnv !== undefined) names.add(provider.apiKeyEnv);
  for (const provider of Object.values(config.providers ?? {})) if (provider.apiKeyEnv !== undefined) names.add(provider.apiKeyEnv);
  return [...names];
}
