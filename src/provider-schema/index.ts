/** Provider schemas: a JSON Schema put in the form each provider's structured output takes, and answers mapped back. */
export type { ProviderSchema, SchemaDialect, SchemaNode } from './provider-schema.ts';
export { schemaDialectOf } from './schema-dialect-of.ts';
export { providerSchemaFor } from './provider-schema-for.ts';
export { toOpenAISchema } from './to-openai-schema.ts';
export { toAnthropicSchema } from './to-anthropic-schema.ts';
export { toGeminiSchema } from './to-gemini-schema.ts';
export { dropNullOptionals } from './drop-null-optionals.ts';
