// Gemini's `responseJsonSchema` (the field the AI SDK sends), as the API reference states it
// (GenerationConfig.responseJsonSchema): https://ai.google.dev/api/generate-content#FIELDS.response_json_schema
// and https://ai.google.dev/gemini-api/docs/structured-output. Only these keywords are supported:
// $id, $defs, $ref, $anchor, type, format, title, description, enum (for strings and numbers),
// items, prefixItems, minItems, maxItems, minimum, maximum, anyOf, oneOf (read as anyOf),
// properties, additionalProperties, required, and the non-standard propertyOrdering. "Cyclic
// references are unrolled to a limited degree and, as such, may only be used within non-required
// properties." "If $ref is set on a sub-schema, no other properties, except for than those
// starting as a $, may be set."
import { describe, expect, it } from 'vitest';
import { toGeminiSchema } from './to-gemini-schema.ts';

describe('toGeminiSchema', () => {
  it('keeps optional properties optional and objects as they are', () => {
    const input = { type: 'object', properties: { s: { type: 'string' }, n: { type: 'number', minimum: 0 }, meta: { type: 'object', additionalProperties: { type: 'string' } } }, required: ['s'] };
    expect(toGeminiSchema(input)).toEqual({ schema: input, strict: true });
  });

  it('moves keywords outside the subset into descriptions, and const into a one-value enum', () => {
    const { schema } = toGeminiSchema({
      type: 'object',
      properties: {
        essay: { type: 'string', minLength: 10, maxLength: 200, pattern: '^[A-Z]' },
        ratio: { type: 'number', exclusiveMinimum: 0, multipleOf: 0.5 },
        fixed: { const: 'v1' },
        flag: { enum: [true, false] },
        fallback: { type: 'string', default: 'none' },
      },
    });
    expect(schema.properties).toEqual({
      essay: { type: 'string', description: 'min length: 10; max length: 200; pattern: ^[A-Z].' },
      ratio: { type: 'number', description: 'exclusive minimum: 0; multiple of: 0.5.' },
      fixed: { enum: ['v1'] },
      flag: { description: 'enum: [true,false].' },
      fallback: { type: 'string', description: 'default: none.' },
    });
  });

  it('sends a $ref alone, definitions as $defs, and tuples as prefixItems', () => {
    const { schema, strict } = toGeminiSchema({
      type: 'object',
      properties: { step: { $ref: '#/definitions/step', description: 'The step' }, pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }] } },
      definitions: { step: { type: 'object', properties: { a: { type: 'string' } } } },
    });
    expect(strict).toBe(true);
    expect(schema).toEqual({
      type: 'object',
      properties: { step: { $ref: '#/$defs/step' }, pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] } },
      $defs: { step: { type: 'object', properties: { a: { type: 'string' } } } },
    });
  });

  it('takes recursion through an optional property, an array or a nullable branch', () => {
    const tree = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#' } }, parent: { $ref: '#' } }, required: ['children'] };
    expect(toGeminiSchema(tree).strict).toBe(true);
    const list = { type: 'object', properties: { next: { anyOf: [{ $ref: '#' }, { type: 'null' }] } }, required: ['next'] };
    expect(toGeminiSchema(list).strict).toBe(true);
  });

  it('sends a schema that recurses through required properties only as written, non-strict', () => {
    const input = { type: 'object', properties: { head: { $ref: '#/$defs/node' } }, required: ['head'], $defs: { node: { type: 'object', properties: { next: { $ref: '#/$defs/node' } }, required: ['next'] } } };
    expect(toGeminiSchema(input)).toEqual({ schema: input, strict: false, notStrictReason: 'a schema that recurses through required properties (#/$defs/node)' });
  });
});
