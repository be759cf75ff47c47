import type { ModelPrice } from '../config/model-price.ts';

/**
 * List prices in USD per million tokens, keyed by `provider:model-id` (`provider:*` matches any
 * model of the provider). Taken from the providers' pricing pages in late 2025; standard tier, no
 * cache discounts, and gemini-2.5-pro at its ≤200k-token prompt rate. Override in swarm.config.yaml.
 */
export const builtInPrices: Readonly<Record<string, ModelPrice>> = {
  'openai:gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'openai:gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'openai:gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'openai:gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'openai:gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
  'anthropic:claude-sonnet-4-5': { inputPerMillion: 3, outputPerMillion: 15 },
  'anthropic:claude-haiku-4-5': { inputPerMillion: 1, outputPerMillion: 5 },
  'anthropic:claude-opus-4-1': { inputPerMillion: 15, outputPerMillion: 75 },
  'google:gemini-2.5-flash': { inputPerMillion: 0.3, outputPerMillion: 2.5 },
  'google:gemini-2.5-pro': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'deepseek:deepseek-chat': { inputPerMillion: 0.28, outputPerMillion: 0.42 },
  'groq:llama-3.3-70b-versatile': { inputPerMillion: 0.59, outputPerMillion: 0.79 },
  'mock:*': { inputPerMillion: 0, outputPerMillion: 0 },
};
