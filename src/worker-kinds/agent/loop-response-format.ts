import { prepareResponseFormat, type PreparedResponseFormat } from '../../call/prepare-response-format.ts';
import { schemaDialectOf } from '../../provider-schema/schema-dialect-of.ts';

/**
 * The response format every call of an agent loop asks for, where the provider takes a JSON schema
 * beside tools and still calls them (OpenAI, Groq and Anthropic do; the mock does): the loop's last
 * answer is then held to the schema by the provider. Elsewhere (Gemini, OpenAI-compatible servers)
 * the loop runs in text and the schema is in the prompt; an answer that does not match is asked again.
 */
export function loopResponseFormat(provider: string, schema: Record<string, unknown>): LoopFormats {
  const dialect = schemaDialectOf(provider);
  const takesFormatWithTools = dialect === 'openai' || dialect === 'anthropic' || provider === 'mock';
  const answer = prepareResponseFormat(provider, schema);
  return { loop: takesFormatWithTools ? answer : undefined, answer };
}

/** What an agent loop's calls ask for: during the loop (where the provider takes it beside tools), and for its last answer, tools off. */
export interface LoopFormats {
  loop: PreparedResponseFormat | undefined;
  answer: PreparedResponseFormat;
}

/**
 * How the last answer is asked with tools off. Gemini (before Gemini 3) refuses JSON output beside
 * function declarations, so they are left out; Anthropic requires the tools of a conversation
 * that used them to be declared, so they stay, with tool choice `none`.
 */
export function toolsOffMode(provider: string): 'tool-choice-none' | 'no-tools' {
  return schemaDialectOf(provider) === 'gemini' ? 'no-tools' : 'tool-choice-none';
}
