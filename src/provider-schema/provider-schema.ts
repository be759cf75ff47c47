/** A JSON Schema node as parsed from JSON. */
export type SchemaNode = Record<string, unknown>;

/** The providers whose structured output takes a schema in a form of their own. */
export type SchemaDialect = 'openai' | 'anthropic' | 'gemini';

/** A JSON Schema in the form one provider accepts. */
export interface ProviderSchema {
  /** What to send: the provider's form when `strict`, else the schema as written. */
  schema: SchemaNode;
  /** The provider can enforce the schema while it generates (strict mode, constrained decoding). */
  strict: boolean;
  /** Why the schema has no strict form for this provider; set when `strict` is false. */
  notStrictReason?: string;
}
