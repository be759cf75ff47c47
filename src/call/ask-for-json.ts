import type { LanguageModelV4, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import { dropNullOptionals } from '../provider-schema/drop-null-optionals.ts';
import { callModel } from './call-model.ts';

/** A structured answer: the value read from it (undefined when it is not JSON), and the text as the model wrote it. */
export interface JsonAnswer {
  value: unknown;
  text: string;
}

/**
 * One structured call (the schema in the provider's own form, see `callModel`): the answer parsed,
 * repaired if need be, with the nulls a strict form allowed for optional properties taken out.
 * Judging the value against the schema is the caller's: each knows what a wrong answer means.
 * Give a governed model (`governModel`) for limits, budget, retries and recording.
 */
export async function askForJson(
  model: LanguageModelV4,
  { prompt, schema, maxOutputTokens, abortSignal }: { prompt: LanguageModelV4Prompt; schema: Record<string, unknown>; maxOutputTokens?: number; abortSignal?: AbortSignal },
): Promise<JsonAnswer> {
  const { text } = await callModel(model, { prompt, schema, maxOutputTokens, abortSignal });
  const parsed = parseUntrustedJson(text, { repair: true });
  return { value: parsed.ok ? dropNullOptionals(parsed.value, schema) : undefined, text };
}
