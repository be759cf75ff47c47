import type { LanguageModelV4Prompt } from '@ai-sdk/provider';

/** One item of a provider batch: what one online `callModel` would send. */
export interface ProviderBatchRequest {
  /** The engine's id for the item (a row id, a dispatch id); unique within the pass. */
  id: string;
  prompt: LanguageModelV4Prompt;
  /** JSON Schema of the answer; without one the model answers free text. */
  schema?: Record<string, unknown>;
  maxOutputTokens?: number;
}
