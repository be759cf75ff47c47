import type { LanguageModelV4, LanguageModelV4Prompt, SharedV4ProviderMetadata, SharedV4ProviderOptions } from '@ai-sdk/provider';
import type { TokenUsage } from '../events/swarm-event.ts';
import { prepareResponseFormat } from './prepare-response-format.ts';

/** What one model call produced. */
export interface ModelCallResult {
  text: string;
  usage: TokenUsage;
  latencyMs: number;
  /** Response headers, when the provider is reached over HTTP (rate-limit headers live here). */
  headers: Record<string, string | undefined> | undefined;
  /** The model stopped at the output limit (`max_tokens`): the answer is cut off. */
  truncated?: boolean;
  /** What the provider (or a governed model, under `swarm`) said of the call beside the answer. */
  providerMetadata?: SharedV4ProviderMetadata;
}

/**
 * One structured-output call through the model's AI SDK provider. It calls `doGenerate` directly
 * rather than `generateText`: Swarm parses, repairs, validates and retries itself, and
 * `generateText` alone measured 46 µs per call here, the whole per-row overhead budget.
 * Providers add no retries of their own at this level (Swarm owns retries).
 */
export async function callModel(
  model: LanguageModelV4,
  {
    prompt,
    schema,
    maxOutputTokens,
    abortSignal,
    providerOptions: extraOptions,
  }: {
    prompt: LanguageModelV4Prompt;
    /** JSON Schema of the answer; without one the model answers free text. */
    schema: Record<string, unknown> | undefined;
    maxOutputTokens?: number;
    abortSignal?: AbortSignal;
    /** Provider options beside those the schema needs (a governed model's own, under `swarm`). */
    providerOptions?: SharedV4ProviderOptions;
  },
): Promise<ModelCallResult> {
  const startedAt = performance.now();
  // The schema goes in the form the model's provider enforces; the answer is still judged against the schema as written.
  const { responseFormat, providerOptions } = prepareResponseFormat(model.provider, schema);
  const result = await model.doGenerate({
    prompt,
    responseFormat,
    providerOptions: extraOptions === undefined ? providerOptions : providerOptions === undefined ? extraOptions : { ...providerOptions, ...extraOptions },
    maxOutputTokens,
    abortSignal,
  });
  let text = result.structuredOutputText;
  if (text === undefined) {
    text = '';
    for (const part of result.content) if (part.type === 'text') text += part.text;
  }
  return {
    text,
    usage: { inputTokens: result.usage.inputTokens.total ?? 0, outputTokens: result.usage.outputTokens.total ?? 0 },
    latencyMs: performance.now() - startedAt,
    headers: result.response?.headers,
    truncated: result.finishReason?.unified === 'length',
    providerMetadata: result.providerMetadata,
  };
}
