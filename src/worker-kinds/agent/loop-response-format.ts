import { prepareResponseFormat, type PreparedResponseFormat } from '../../call/prepare-response-format.ts';
import { schemaDialectOf } from '../../provider-schema/schema-dialect-of.ts';

/**
 * The response format every call of an agent loop asks for, where the provider takes a JSON schema
 * beside tools and still calls them (OpenAI, Groq and Anthropic do; the mock does): the loop's last
 * answer is then held to the schema by the provider. Elsewhere (Gemini, OpenAI-compatible servers)
 * the loop runs in text and the schema is in the prompt; an answer that does not match is asked again.
 */
export function loopResponseFormat(provider: string, schema: Record<string, unknown>): PreparedResponseFormat | undefined {
  const dialect = schemaDialectOf(provider);
  const takesFormatWithTools = dialect === 'openai' || dialect === 'anthropic' || provider === 'mock';
  return takesFormatWithTools ? prepareResponseFormat(provider, schema) : undefined;
}
