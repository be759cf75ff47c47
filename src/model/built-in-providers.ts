import { createOpenAI } from '@ai-sdk/openai';
import { createRequire } from 'node:module';
import type { ProviderDefinition } from './provider-definition.ts';

// The other providers' packages are loaded when a model of theirs is first resolved, not with
// Swarm: a pass does not pay for compiling four providers it does not call. OpenAI's is loaded
// with Swarm, so that the most common first pass does not load it between run() and its first call.
const require = createRequire(import.meta.url);

/** The hosted providers Swarm knows by name (besides `mock` and the `providers:` of swarm.config.yaml). */
export const builtInProviders: Readonly<Record<string, ProviderDefinition>> = {
  openai: {
    apiKeyEnv: 'OPENAI_API_KEY',
    baseURLEnv: 'OPENAI_BASE_URL',
    defaultBaseURL: 'https://api.openai.com/v1',
    create: ({ apiKey, baseURL }) => {
      const openai = createOpenAI({ apiKey, baseURL });
      // Chat Completions rather than the Responses API, so OPENAI_BASE_URL can point at any
      // OpenAI-compatible server.
      return {
        specificationVersion: 'v4',
        languageModel: (modelId) => openai.chat(modelId),
        embeddingModel: (modelId) => openai.embeddingModel(modelId),
        imageModel: (modelId) => openai.imageModel(modelId),
        // The Batch API (through the Files API, on the Responses endpoint) is OpenAI's own.
        experimental_batch: () => openai.experimental_batch(),
      };
    },
  },
  // The same models and key through the Responses API, which has OpenAI's own tools (web search).
  'openai-responses': {
    apiKeyEnv: 'OPENAI_API_KEY',
    baseURLEnv: 'OPENAI_BASE_URL',
    defaultBaseURL: 'https://api.openai.com/v1',
    accountProvider: 'openai',
    create: ({ apiKey, baseURL }) => {
      const openai = createOpenAI({ apiKey, baseURL });
      return {
        specificationVersion: 'v4',
        languageModel: (modelId) => openai.responses(modelId),
        embeddingModel: (modelId) => openai.embeddingModel(modelId),
        imageModel: (modelId) => openai.imageModel(modelId),
      };
    },
  },
  anthropic: {
    apiKeyEnv: 'ANTHROPIC_API_KEY',
    baseURLEnv: 'ANTHROPIC_BASE_URL',
    defaultBaseURL: 'https://api.anthropic.com/v1',
    // "OTPM rate limits are estimated based on max_tokens at the beginning of each request."
    chargesMaxTokensUpFront: true,
    create: ({ apiKey, baseURL }) => (require('@ai-sdk/anthropic') as typeof import('@ai-sdk/anthropic')).createAnthropic({ apiKey, baseURL }),
  },
  google: {
    apiKeyEnv: 'GOOGLE_GENERATIVE_AI_API_KEY',
    baseURLEnv: 'GOOGLE_GENERATIVE_AI_BASE_URL',
    defaultBaseURL: 'https://generativelanguage.googleapis.com/v1beta',
    create: ({ apiKey, baseURL }) => (require('@ai-sdk/google') as typeof import('@ai-sdk/google')).createGoogle({ apiKey, baseURL }),
  },
  deepseek: {
    apiKeyEnv: 'DEEPSEEK_API_KEY',
    defaultBaseURL: 'https://api.deepseek.com',
    create: ({ apiKey, baseURL }) => (require('@ai-sdk/deepseek') as typeof import('@ai-sdk/deepseek')).createDeepSeek({ apiKey, baseURL }),
  },
  groq: {
    apiKeyEnv: 'GROQ_API_KEY',
    defaultBaseURL: 'https://api.groq.com/openai/v1',
    create: ({ apiKey, baseURL }) => (require('@ai-sdk/groq') as typeof import('@ai-sdk/groq')).createGroq({ apiKey, baseURL }),
  },
};
