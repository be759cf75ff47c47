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

/** A first guess at one row's answer, in tokens, from the schema's size (before any answer is seen). */
export function guessOutputTokensPerRow(schema: ResponseSchema): number {
  return 10 + 12 * schema.fields.length;
}
