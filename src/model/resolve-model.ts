import type { LanguageModelV4, ProviderV4 } from '@ai-sdk/provider';
import { createRequire } from 'node:module';
import { createProviderRegistry } from 'ai';
import type { ProviderConfig, SwarmConfig } from '../config/swarm-config.ts';
import { closestMatch } from '../config/closest-match.ts';
import type { SecretRedactor } from '../call/secret-redactor.ts';
import { ModelConfigError } from '../errors/index.ts';
import { builtInProviders } from './built-in-providers.ts';
import { chooseModelSpec } from './choose-model-spec.ts';
import { findPrice } from './find-price.ts';
import { keyId } from './key-id.ts';
import { createMockProvider } from './mock/create-mock-provider.ts';
import { parseMockModelId } from './mock/parse-mock-model-id.ts';
import { parseModelSpec } from './parse-model-spec.ts';
import type { ProviderDefinition } from './provider-definition.ts';
import type { ResolvedModel } from './resolved-model.ts';

const emptyConfig: SwarmConfig = { aliases: {}, providers: {}, prices: {} };
// Loaded when a configured endpoint is first used (see built-in-providers.ts).
const require = createRequire(import.meta.url);

/**
 * Turns a model spec (`provider:model-id`, an alias, or `mock`) into a callable model. The spec is
 * the argument, else SWARM_MODEL, else `model:` in config. Keys and endpoints are read from `env`
 * only; a missing key is a ModelConfigError naming the variable to set. A LanguageModelV4 instance
 * is used as it is, named `provider:model-id`, with no known price. Nothing here retries: the
 * engine calls `languageModel.doGenerate` itself and owns retries. The key read is given to
 * `secrets` to redact. With `keyRequired: false` a missing key is no error: the model is only
 * described, for a process that calls it elsewhere (a coordinator whose workers hold the keys).
 */
export function resolveModel(
  spec: string | LanguageModelV4 | undefined,
  {
    config = emptyConfig,
    env = process.env,
    secrets,
    keyRequired = true,
  }: { config?: SwarmConfig; env?: Readonly<Record<string, string | undefined>>; secrets?: SecretRedactor; keyRequired?: boolean } = {},
): ResolvedModel {
  if (spec !== undefined && typeof spec !== 'string') return modelInstance(spec);
  const chosen = chooseModelSpec(spec, { config, env });
  const { provider, modelId } = parseModelSpec(chosen);

  if (provider === 'mock') {
    const registry = createProviderRegistry({ mock: createMockProvider(config.mock) });
    const { name } = parseMockModelId(modelId);
    return {
      spec: chosen,
      provider,
      modelId: name,
      languageModel: registry.languageModel(`mock:${modelId}`),
      price: findPrice(provider, name, config.prices),
      keyId: 'mock',
    };
  }

  const definition = providerDefinition(provider, chosen, config);
  const apiKey = definition.apiKeyEnv === undefined ? undefined : nonEmpty(env[definition.apiKeyEnv]);
  if (definition.apiKeyEnv !== undefined && apiKey === undefined && keyRequired) {
    throw new ModelConfigError(`${chosen} needs an API key: set the environment variable ${definition.apiKeyEnv}`);
  }
  if (apiKey !== undefined) secrets?.remember(apiKey);
  const baseURL = (definition.baseURLEnv === undefined ? undefined : nonEmpty(env[definition.baseURLEnv])) ?? definition.defaultBaseURL;
  if (!URL.canParse(baseURL)) {
    // Not echoed: a URL can carry credentials.
    throw new ModelConfigError(`${definition.baseURLEnv ?? `the base URL of provider "${provider}"`} is not a valid URL`);
  }
  const instance = definition.create({ apiKey, baseURL });
  const registry = createProviderRegistry({ [provider]: instance } as Record<string, ProviderV4>);
  return {
    spec: chosen,
    provider,
    modelId,
    languageModel: registry.languageModel(`${provider}:${modelId}` as `${string}:${string}`),
    price: findPrice(definition.accountProvider ?? provider, modelId, config.prices),
    endpoint: baseURL,
    keyId: keyId(definition.accountProvider ?? provider, apiKey ?? '', baseURL),
    keyEnv: definition.apiKeyEnv,
    chargesMaxTokensUpFront: definition.chargesMaxTokensUpFront,
    batch: instance.experimental_batch?.(),
  };
}

function modelInstance(model: LanguageModelV4): ResolvedModel {
  // Options may come from untyped JavaScript: anything but a v4 model would fail on the first call.
  if (model === null || typeof model !== 'object' || model.specificationVersion !== 'v4' || typeof model.doGenerate !== 'function') {
    throw new ModelConfigError('model must be a spec string such as "openai:gpt-4o-mini" or a LanguageModelV4 instance');
  }
  const { provider, modelId } = model;
  return { spec: `${provider}:${modelId}`, provider, modelId, languageModel: model, price: undefined, keyId: provider };
}

function providerDefinition(provider: string, spec: string, config: SwarmConfig): ProviderDefinition {
  const builtIn = Object.hasOwn(builtInProviders, provider) ? builtInProviders[provider] : undefined;
  const configured = Object.hasOwn(config.providers, provider) ? config.providers[provider] : undefined;
  if (builtIn !== undefined && configured !== undefined) {
    throw new ModelConfigError(
      `providers.${provider} in swarm.config.yaml has the name of a built-in provider; rename it` +
        (builtIn.baseURLEnv === undefined ? '' : ` (to change the built-in's endpoint, set ${builtIn.baseURLEnv})`),
    );
  }
  if (builtIn !== undefined) return builtIn;
  if (configured !== undefined) return compatibleProvider(provider, configured);
  const known = [...Object.keys(builtInProviders), 'mock', ...Object.keys(config.providers)];
  const suggestion = closestMatch(provider, known);
  throw new ModelConfigError(
    `unknown provider "${provider}" in model spec ${JSON.stringify(spec)}` +
      (suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`) +
      `; known providers: ${known.join(', ')}. Add OpenAI-compatible endpoints under providers: in swarm.config.yaml`,
  );
}

function compatibleProvider(name: string, { baseURL, apiKeyEnv, headers }: ProviderConfig): ProviderDefinition {
  return {
    apiKeyEnv,
    defaultBaseURL: baseURL,
    create: ({ apiKey }) =>
      (require('@ai-sdk/openai-compatible') as typeof import('@ai-sdk/openai-compatible')).createOpenAICompatible({
        name,
        baseURL,
        apiKey,
        headers,
        // Usage in streams for billing; json_schema response formats because every pass has a schema.
        includeUsage: true,
        supportsStructuredOutputs: true,
      }),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
