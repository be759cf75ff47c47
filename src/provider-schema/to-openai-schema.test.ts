// OpenAI's rules for a strict schema, as its Structured Outputs guide states them ("Supported
// schemas"): https://developers.openai.com/api/docs/guides/structured-outputs#supported-schemas
// (formerly platform.openai.com/docs/guides/structured-outputs). Every object needs
// `additionalProperties: false` and every key of `properties` in `required` (optional ones as a
// union with null); the root is an object, not `anyOf`; `allOf`, `not`, `dependentRequired`,
// `dependentSchemas`, `if`/`then`/`else` are not supported; up to 5000 properties and 10 levels of
// nesting; formats date-time, time, date, duration, email, hostname, ipv4, ipv6, uuid.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { dropNullOptionals } from './drop-null-optionals.ts';
import { toOpenAISchema } from './to-openai-schema.ts';

const ajv = new Ajv({ strict: false });

describe('toOpenAISchema', () => {
  it('closes every object and makes optional properties required and nullable', () => {
    const { schema, strict } = toOpenAISchema({ type: 'object', properties: { s: { type: 'string' }, n: { type: 'number' } }, required: ['s'] });
    expect(strict).toBe(true);
    expect(schema).toEqual({
      type: 'object',
      properties: { s: { type: 'string' }, n: { type: ['number', 'null'] } },
      required: ['s', 'n'],
      additionalProperties: false,
    });
  });

  it('reaches objects nested in properties, array items, anyOf branches and definitions', () => {
    const { schema, strict } = toOpenAISchema({
      type: 'object',
      properties: {
        author: { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } }, required: ['name'] },
        tags: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' } } } },
        either: { anyOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { type: 'string' }] },
        step: { $ref: '#/$defs/step' },
      },
      required: ['author', 'tags', 'either', 'step'],
      $defs: { step: { type: 'object', properties: { note: { type: 'string' } } } },
    });
    expect(strict).toBe(true);
    expect(schema).toMatchObject({
      additionalProperties: false,
      properties: {
        author: { properties: { email: { type: ['string', 'null'], format: 'email' } }, required: ['name', 'email'], additionalProperties: false },
        tags: { items: { properties: { label: { type: ['string', 'null'] } }, required: ['label'], additionalProperties: false } },
        either: { anyOf: [{ required: ['a'], additionalProperties: false }, { type: 'string' }] },
        step: { $ref: '#/$defs/step' },
      },
      $defs: { step: { properties: { note: { type: ['string', 'null'] } }, required: ['note'], additionalProperties: false } },
    });
  });

  it('makes enums, consts, references and unions nullable the way each can be', () => {
    const { schema } = toOpenAISchema({
      type: 'object',
      properties: {
        unit: { type: 'string', enum: ['F', 'C'] },
        bare: { enum: ['a', 'b'] },
        fixed: { const: 'v1' },
        step: { $ref: '#/$defs/step' },
        either: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        maybe: { type: ['integer', 'null'] },
      },
      $defs: { step: { type: 'object', properties: { x: { type: 'string' } }, required: ['x'] } },
    });
    expect(schema.properties).toEqual({
      unit: { type: ['string', 'null'], enum: ['F', 'C', null] },
      bare: { anyOf: [{ enum: ['a', 'b'] }, { type: 'null' }] },
      fixed: { anyOf: [{ const: 'v1' }, { type: 'null' }] },
      step: { anyOf: [{ $ref: '#/$defs/step' }, { type: 'null' }] },
      either: { anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] },
      // Already nullable: null is one of its values, so an answer of null is kept.
      maybe: { type: ['integer', 'null'] },
    });
  });

  it('moves the keywords strict mode refuses into the description, keeping the ones it takes', () => {
    const { schema, strict } = toOpenAISchema({
      type: 'object',
      properties: {
        code: { type: 'string', description: 'A product code', pattern: '^[A-Z]{3}$', default: 'AAA', format: 'uri' },
        score: { type: 'integer', minimum: 1, maximum: 5, not: { const: 3 } },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
      },
      required: ['code', 'score', 'tags'],
      $schema: 'http://json-schema.org/draft-07/schema#',
    });
    expect(strict).toBe(true);
    expect(schema).not.toHaveProperty('$schema');
    expect(schema.properties).toEqual({
      code: { type: 'string', pattern: '^[A-Z]{3}$', description: 'A product code\ndefault: AAA; format: uri.' },
      score: { type: 'integer', minimum: 1, maximum: 5, description: 'not: {"const":3}.' },
      tags: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'unique items: true.' },
    });
  });

  it('merges allOf parts and reads oneOf as anyOf', () => {
    const { schema, strict } = toOpenAISchema({
      type: 'object',
      properties: {
        both: { allOf: [{ $ref: '#/$defs/named' }, { type: 'object', properties: { age: { type: 'integer' } }, required: ['age'] }] },
        one: { oneOf: [{ type: 'string' }, { type: 'number' }] },
      },
      required: ['both', 'one'],
      $defs: { named: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
    });
    expect(strict).toBe(true);
    expect(schema.properties).toEqual({
      both: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'], additionalProperties: false },
      one: { anyOf: [{ type: 'string' }, { type: 'number' }] },
    });
  });

  it.each([
    ['a free-form object', { type: 'object', properties: { meta: { type: 'object' } } }, 'an object with no properties (any keys allowed) at /properties/meta'],
    ['additionalProperties: true', { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true }, 'an object that allows properties it does not name at /'],
    ['a map', { type: 'object', properties: { m: { type: 'object', additionalProperties: { type: 'number' } } } }, 'an object that allows properties it does not name at /properties/m'],
    ['a value of any type', { type: 'object', properties: { any: {} } }, 'a value of any type at /properties/any'],
    ['a tuple', { type: 'object', properties: { pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] } } }, 'a tuple at /properties/pair'],
    ['a root that is not an object', { type: 'array', items: { type: 'string' } }, 'a root that is not an object'],
    ['allOf parts that disagree', { type: 'object', properties: { a: { allOf: [{ type: 'string' }, { type: 'number' }] } } }, 'an allOf whose parts disagree on "type"'],
  ])('sends %s as written, non-strict, saying why', (_name, input, reason) => {
    expect(toOpenAISchema(input)).toEqual({ schema: input, strict: false, notStrictReason: reason });
  });

  it('sends a schema past the nesting limit non-strict', () => {
    let inner: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 11; level++) inner = { type: 'object', properties: { next: inner }, required: ['next'] };
    expect(toOpenAISchema(inner)).toMatchObject({ strict: false, notStrictReason: '11 levels of nesting (OpenAI allows 10)' });
  });

  it('keeps recursion, which strict mode takes', () => {
    const list = {
      type: 'object',
      properties: { head: { $ref: '#/$defs/node' } },
      required: ['head'],
      $defs: { node: { type: 'object', properties: { value: { type: 'number' }, next: { $ref: '#/$defs/node' } }, required: ['value'] } },
    };
    const { schema, strict } = toOpenAISchema(list);
    expect(strict).toBe(true);
    expect((schema.$defs as Record<string, unknown>).node).toMatchObject({ properties: { next: { anyOf: [{ $ref: '#/$defs/node' }, { type: 'null' }] } }, required: ['value', 'next'] });
  });

  it('leaves the schema it was given untouched', () => {
    const input = { type: 'object', properties: { s: { type: 'string' }, meta: { type: 'object', properties: { a: { type: 'string' } } } } };
    const copy = structuredClone(input);
    toOpenAISchema(input);
    expect(input).toEqual(copy);
  });

  it('answers to the strict form, with nulls taken out, pass the schema as written', () => {
    const original = {
      type: 'object',
      properties: { s: { type: 'string' }, n: { type: 'number', minimum: 0 }, author: { type: 'object', properties: { email: { type: 'string' } } } },
      required: ['s'],
    };
    const { schema } = toOpenAISchema(original);
    const answer = { s: 'x', n: null, author: { email: null } };
    expect(ajv.validate(schema, answer)).toBe(true);
    expect(ajv.validate(original, answer)).toBe(false);
    expect(ajv.validate(original, dropNullOptionals(answer, original))).toBe(true);
    expect(answer).toEqual({ s: 'x', author: {} });
  });
});
