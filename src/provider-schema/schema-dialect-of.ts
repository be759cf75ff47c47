import type { SchemaDialect } from './provider-schema.ts';

/**
 * The schema dialect of an AI SDK model or batch API, by its `provider` id (`openai.chat`,
 * `openai.responses`, `anthropic.messages`, `google.generative-ai`…); undefined for providers
 * whose schema is sent as written (mock, OpenAI-compatible endpoints; DeepSeek asks for JSON mode
 * and sends no schema). Groq sends `strict: true` by default, with OpenAI's rules for it, so it
 * takes OpenAI's strict form.
 */
export function schemaDialectOf(provider: string): SchemaDialect | undefined {
  const name = provider.split('.', 1)[0];
  if (name === 'openai' || name === 'groq') return 'openai';
  if (name === 'anthropic') return 'anthropic';
  if (name === 'google') return 'gemini';
  return undefined;
}
