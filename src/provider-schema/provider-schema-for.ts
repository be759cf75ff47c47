import type { ProviderSchema, SchemaDialect, SchemaNode } from './provider-schema.ts';
import { toAnthropicSchema } from './to-anthropic-schema.ts';
import { toGeminiSchema } from './to-gemini-schema.ts';
import { toOpenAISchema } from './to-openai-schema.ts';

const converters: Readonly<Record<SchemaDialect, (schema: SchemaNode) => ProviderSchema>> = {
  openai: toOpenAISchema,
  anthropic: toAnthropicSchema,
  gemini: toGeminiSchema,
};

// Keyed by the schema object: a pass sends the same object on every call, so each is converted once.
const converted = new WeakMap<SchemaNode, Map<SchemaDialect, ProviderSchema>>();

/** `schema` in the form `dialect` takes (see `toOpenAISchema`, `toAnthropicSchema`, `toGeminiSchema`), converted once per schema object. */
export function providerSchemaFor(dialect: SchemaDialect, schema: SchemaNode): ProviderSchema {
  let forms = converted.get(schema);
  if (forms === undefined) {
    forms = new Map();
    converted.set(schema, forms);
  }
  let form = forms.get(dialect);
  if (form === undefined) {
    form = converters[dialect](schema);
    forms.set(dialect, form);
  }
  return form;
}
