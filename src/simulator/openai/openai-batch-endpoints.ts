import type { ProviderDialect } from '../provider-dialect.ts';
import { openaiDialect } from './openai-dialect.ts';
import { openaiResponsesDialect } from './openai-responses-dialect.ts';

/** The endpoints an OpenAI batch may target, with how their requests are read and answered: the Responses API (what the AI SDK uses) and Chat Completions. */
export const openaiBatchEndpoints: Readonly<Record<string, ProviderDialect>> = {
  '/v1/responses': openaiResponsesDialect,
  '/v1/chat/completions': openaiDialect,
};
