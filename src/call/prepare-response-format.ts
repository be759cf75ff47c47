import type { LanguageModelV4CallOptions, SharedV4ProviderOptions } from '@ai-sdk/provider';
import { providerSchemaFor } from '../provider-schema/provider-schema-for.ts';
import { schemaDialectOf } from '../provider-schema/schema-dialect-of.ts';

/** What a call sends to ask for an answer shaped by a schema. */
export interface PreparedResponseFormat {
  responseFormat: NonNullable<LanguageModelV4CallOptions['responseFormat']>;
  /** The provider's own switches for how the schema is enforced; none when the defaults do. */
  providerOptions: SharedV4ProviderOptions | undefined;
}

const textFormat: PreparedResponseFormat = { responseFormat: { type: 'text' }, providerOptions: undefined };
const prepared = new WeakMap<object, Map<string, PreparedResponseFormat>>();

/**
 * The response format of a call to a model of `provider` (an AI SDK provider id, `openai.chat`…):
 * the schema in the form that provider takes, and the switch that makes it strict or not.
 * OpenAI (and Groq, which follows its strict rules): `strictJsonSchema` says which. Anthropic: native structured output (always, in a
 * provider batch); a schema with no strict form goes as a non-strict tool (`structuredOutputMode:
 * jsonTool`), or, in a provider batch, which cannot decode tool answers, as plain JSON led by the
 * prompt. Gemini: a schema with no strict form is not sent
 * (`structuredOutputs: false`); the prompt holds it. Other providers get the schema as written.
 * Prepared once per schema object and provider.
 */
export function prepareResponseFormat(
  provider: string,
  schema: Record<string, unknown> | undefined,
  { batch = false }: { batch?: boolean } = {},
): PreparedResponseFormat {
  if (schema === undefined) return textFormat;
  let forms = prepared.get(schema);
  if (forms === undefined) {
    forms = new Map();
    prepared.set(schema, forms);
  }
  const key = `${provider}${batch ? ' batch' : ''}`;
  let format = forms.get(key);
  if (format === undefined) {
    format = prepare(provider, schema, batch);
    forms.set(key, format);
  }
  return format;
}

function prepare(provider: string, schema: Record<string, unknown>, batch: boolean): PreparedResponseFormat {
  const json = (sent: Record<string, unknown> | undefined, providerOptions?: SharedV4ProviderOptions): PreparedResponseFormat => ({
    responseFormat: { type: 'json', ...(sent === undefined ? {} : { schema: sent as never, name: 'answer' }) },
    providerOptions,
  });
  const dialect = schemaDialectOf(provider);
  if (dialect === undefined) return json(schema);
  const { schema: sent, strict } = providerSchemaFor(dialect, schema);
  switch (dialect) {
    case 'openai':
      // Groq reads the same switch under its own name.
      return json(sent, { [provider.split('.', 1)[0]!]: { strictJsonSchema: strict } });
    case 'anthropic':
      // In a batch, native structured output is the only way: the SDK cannot decode a tool answer
      // there. Online, the SDK picks it when the model and schema allow, else a non-strict tool.
      if (strict) return batch ? json(sent, { anthropic: { structuredOutputMode: 'outputFormat' } }) : json(sent);
      return batch ? json(undefined) : json(sent, { anthropic: { structuredOutputMode: 'jsonTool' } });
    case 'gemini':
      return strict ? json(sent) : json(sent, { google: { structuredOutputs: false } });
  }
}
