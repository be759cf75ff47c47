import type { SchemaDialect } from './provider-schema.ts';

/**
 * The schema dialect of an AI SDK model or batch API, by its `provider` id (`openai.chat`,
 * `openai.responses`, `anthropic.messages`, `google.generative-ai`…); undefined for providers
 * whose schema is sent as written (mock, OpenAI-compatible endpoints, DeepSeek, Groq).
 */
export function schemaDialectOf(provider: string): SchemaDialect | undefined {
  const name = provider.split('.', 1)[0];
  if (name === 'openai') return 'openai';
  if (name === 'anthropic') return 'anthropic';
  if (name === 'google') return 'gemini';
  return undefined;
}
