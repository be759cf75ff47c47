import { createAnthropic } from '@ai-sdk/anthropic';
import { createDeepSeek } from '@ai-sdk/deepseek';
import { createGoogle } from '@ai-sdk/google';
import { createGroq } from '@ai-sdk/groq';
import { createOpenAI } from '@ai-sdk/openai';
import type { ProviderDefinition } from './provider-definition.ts';

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
  anthropic: {
    apiKeyEnv: 'ANTHROPIC_API_KEY',
    baseURLEnv: 'ANTHROPIC_BASE_URL',
    defaultBaseURL: 'https://api.anthropic.com/v1',
    // "OTPM rate limits are estimated based on max_tokens at the beginning of each request."
    chargesMaxTokensUpFront: true,
    create: ({ apiKey, baseURL }) => createAnthropic({ apiKey, baseURL }),
  },
  google: {
    apiKeyEnv: 'GOOGLE_GENERATIVE_AI_API_KEY',
    baseURLEnv: 'GOOGLE_GENERATIVE_AI_BASE_URL',
    defaultBaseURL: 'https://generativelanguage.googleapis.com/v1beta',
    create: ({ apiKey, baseURL }) => createGoogle({ apiKey, baseURL }),
  },
  deepseek: {
    apiKeyEnv: 'DEEPSEEK_API_KEY',
    defaultBaseURL: 'https://api.deepseek.com',
    create: ({ apiKey, baseURL }) => createDeepSeek({ apiKey, baseURL }),
  },
  groq: {
    apiKeyEnv: 'GROQ_API_KEY',
    defaultBaseURL: 'https://api.groq.com/openai/v1',
    create: ({ apiKey, baseURL }) => createGroq({ apiKey, baseURL }),
  },
};
