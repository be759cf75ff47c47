// Anthropic's rules for structured outputs, as its docs state them ("JSON Schema limitations"):
// https://platform.claude.com/docs/en/build-with-claude/structured-outputs#json-schema-limitations
// `additionalProperties` must be false on every object; not supported: recursive schemas,
// numerical constraints (minimum, maximum, multipleOf), string constraints (minLength, maxLength),
// array constraints beyond minItems 0 or 1, additionalProperties other than false, complex types
// in enums; formats date-time, time, date, duration, email, hostname, uri, ipv4, ipv6, uuid; at
// most 24 optional parameters and 16 parameters with union types across a request's schemas.
import { describe, expect, it } from 'vitest';
import { toAnthropicSchema } from './to-anthropic-schema.ts';

describe('toAnthropicSchema', () => {
  it('closes every object and leaves optional properties optional', () => {
    const { schema, strict } = toAnthropicSchema({
      type: 'object',
      properties: { s: { type: 'string' }, n: { type: 'number' }, items: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } } },
      required: ['s'],
    });
    expect(strict).toBe(true);
    expect(schema).toEqual({
      type: 'object',
      properties: {
        s: { type: 'string' },
        n: { type: 'number' },
        items: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false } },
      },
      required: ['s'],
      additionalProperties: false,
    });
  });

  it('moves bounds and unknown formats into the description the way the AI SDK writes them', () => {
    const { schema } = toAnthropicSchema({
      type: 'object',
      properties: {
        score: { type: 'integer', minimum: 1, maximum: 5, description: 'A rating' },
        essay: { type: 'string', minLength: 400 },
        tags: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 4 },
        one: { type: 'array', items: { type: 'string' }, minItems: 1 },
        link: { type: 'string', format: 'uri' },
        day: { type: 'string', format: 'iso-week' },
        word: { type: 'string', pattern: '^(\\w)\\1$' },
      },
      required: ['score'],
    });
    expect(schema.properties).toEqual({
      score: { type: 'integer', description: 'A rating\nminimum: 1; maximum: 5.' },
      essay: { type: 'string', description: 'min length: 400.' },
      tags: { type: 'array', items: { type: 'string' }, description: 'min items: 2; max items: 4.' },
      one: { type: 'array', items: { type: 'string' }, minItems: 1 },
      link: { type: 'string', format: 'uri' },
      day: { type: 'string', description: 'format: iso-week.' },
      word: { type: 'string', description: 'pattern: ^(\\w)\\1$.' },
    });
  });

  it('keeps definitions and references, merges allOf, reads oneOf as anyOf', () => {
    const { schema, strict } = toAnthropicSchema({
      type: 'object',
      properties: { step: { $ref: '#/$defs/step' }, both: { allOf: [{ $ref: '#/$defs/step' }, { properties: { b: { type: 'string' } } }] }, one: { oneOf: [{ type: 'string' }, { type: 'null' }] } },
      required: ['step'],
      $defs: { step: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } },
    });
    expect(strict).toBe(true);
    expect(schema).toMatchObject({
      properties: {
        step: { $ref: '#/$defs/step' },
        both: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'], additionalProperties: false },
        one: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
      $defs: { step: { additionalProperties: false } },
    });
  });

  it.each([
    ['a recursive schema', { type: 'object', properties: { root: { $ref: '#/$defs/node' } }, $defs: { node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/node' } } } } } }, 'a recursive schema (#/$defs/node refers to itself)'],
    ['a free-form object', { type: 'object', properties: { meta: { type: 'object' } } }, 'an object with no properties (any keys allowed) at /properties/meta'],
    ['additionalProperties: true', { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true }, 'an object that allows properties it does not name at /'],
    ['an enum of objects', { type: 'object', properties: { e: { enum: [{ a: 1 }, { a: 2 }] } } }, 'an enum of objects or arrays at /properties/e'],
    ['a tuple', { type: 'object', properties: { pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }] } } }, 'a tuple at /properties/pair'],
  ])('sends %s as written, non-strict, saying why', (_name, input, reason) => {
    expect(toAnthropicSchema(input)).toEqual({ schema: input, strict: false, notStrictReason: reason });
  });

  it('sends more optional properties than Anthropic allows non-strict', () => {
    const properties = Object.fromEntries(Array.from({ length: 25 }, (_, index) => [`f${index}`, { type: 'string' }]));
    expect(toAnthropicSchema({ type: 'object', properties })).toMatchObject({ strict: false, notStrictReason: '25 optional properties (Anthropic allows 24)' });
    expect(toAnthropicSchema({ type: 'object', properties, required: ['f0'] }).strict).toBe(true);
  });
});
