import type { ValidateFunction } from 'ajv';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { compileJsonSchema } from '../json-schema/compile-json-schema.ts';

/** A pass's response schema, checked and compiled once. */
export interface ResponseSchema {
  /** The schema one row's answer must satisfy. */
  row: Record<string, unknown>;
  /** The columns the answer writes (the schema's properties). */
  fields: string[];
  /** Validates one row's answer; `errors` describes the last failure. */
  validate: ValidateFunction;
  /** The schema of a batched answer: `{ results: [{ id, ...fields }] }`. */
  batch: Record<string, unknown>;
}

/** Checks that `schema` is a JSON Schema of `type: "object"` with properties, and compiles it. */
export function compileResponseSchema(schema: unknown): ResponseSchema {
  if (schema === undefined) throw new InvalidInputError('responseSchema is required: a JSON Schema with type "object"');
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new InvalidInputError('responseSchema must be a JSON Schema object, like { "type": "object", "properties": {...} }');
  }
  const row = schema as Record<string, unknown>;
  if (row.type !== 'object') {
    throw new InvalidInputError(`responseSchema must have type "object" (its properties become columns); got type ${JSON.stringify(row.type)}`);
  }
  const properties = row.properties;
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties) || Object.keys(properties).length === 0) {
    throw new InvalidInputError('responseSchema needs at least one property under "properties"; each property becomes a column');
  }
  const fields = Object.keys(properties);
  if (fields.includes('id')) throw new InvalidInputError('responseSchema may not have an "id" property: "id" is the row id column');
  let validate: ValidateFunction;
  try {
    validate = compileJsonSchema(row);
  } catch (error) {
    throw new InvalidInputError(`responseSchema is not a valid JSON Schema: ${(error as Error).message}`);
  }
  const required = Array.isArray(row.required) ? row.required : [];
  const batch = {
    type: 'object',
    properties: {
      results: {
        type: 'array',
        items: { type: 'object', properties: { id: { type: 'string' }, ...properties }, required: ['id', ...required] },
      },
    },
    required: ['results'],
  };
  return { row, fields, validate, batch };
}

/** A short, readable account of why the last validation failed. */
export function describeValidationErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath || '(answer)'} ${error.message ?? 'is invalid'}`)
    .join('; ');
}

/**
 * A first guess at one row's answer, in tokens, before any answer is seen: from the schema's
 * shape, including what it says of lengths (`minLength`, `maxLength`, `minItems`), so a schema
 * asking for an essay is not guessed at a few words.
 */
export function guessOutputTokensPerRow(schema: ResponseSchema): number {
  return guessSchemaOutputTokens(schema.row);
}

/** The same first guess for an answer to any JSON Schema (a plan task's, a critic's). */
export function guessSchemaOutputTokens(schema: unknown): number {
  return Math.ceil(guessTokens(schema, 0));
}

// About four characters a token; a key and its punctuation about three tokens.
const charactersPerToken = 4;
const keyTokens = 3;

function guessTokens(node: unknown, depth: number): number {
  if (node === null || typeof node !== 'object' || depth > 8) return 4;
  const schema = node as Record<string, unknown>;
  const number = (value: unknown) => (typeof value === 'number' && value >= 0 ? value : undefined);
  const variants = [schema.anyOf, schema.oneOf].find(Array.isArray) as unknown[] | undefined;
  if (variants !== undefined && variants.length > 0) return Math.max(...variants.map((variant) => guessTokens(variant, depth + 1)));
  if (Array.isArray(schema.enum)) return 4;
  const type = Array.isArray(schema.type) ? schema.type.find((entry) => entry !== 'null') : schema.type;
  if (type === 'object' || (type === undefined && typeof schema.properties === 'object')) {
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    return 2 + Object.values(properties).reduce<number>((sum, property) => sum + keyTokens + guessTokens(property, depth + 1), 0);
  }
  if (type === 'array') {
    const count = Math.max(number(schema.minItems) ?? 0, Math.min(number(schema.maxItems) ?? 3, 3));
    return 2 + count * (1 + guessTokens(schema.items, depth + 1));
  }
  if (type === 'string') {
    const minLength = number(schema.minLength);
    const maxLength = number(schema.maxLength);
    // A bound given is what the model will write; halfway between when both are.
    const characters = minLength !== undefined && maxLength !== undefined ? (minLength + maxLength) / 2 : (maxLength ?? (minLength === undefined ? 40 : minLength * 1.25));
    return 2 + characters / charactersPerToken;
  }
  return 3;
}
