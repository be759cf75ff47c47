import { ModelConfigError } from '../errors/index.ts';
import { builtInPrices } from './built-in-prices.ts';

/** A model spec split at its first colon: `openai:gpt-4o-mini` → `openai` and `gpt-4o-mini`. */
export function parseModelSpec(spec: string): { provider: string; modelId: string } {
  const colon = spec.indexOf(':');
  const provider = colon === -1 ? '' : spec.slice(0, colon);
  const modelId = colon === -1 ? '' : spec.slice(colon + 1);
  if (provider === '' || modelId === '') {
    // A bare model name is the common mistake; point at the provider that has it.
    const known = colon === -1 ? Object.keys(builtInPrices).find((key) => key.endsWith(`:${spec}`)) : undefined;
    const hint = known === undefined ? '' : ` Did you mean "${known}"?`;
    throw new ModelConfigError(
      `malformed model spec ${JSON.stringify(spec)}: expected "provider:model-id", e.g. "openai:gpt-4o-mini" or "mock".${hint}`,
    );
  }
  return { provider, modelId };
}
