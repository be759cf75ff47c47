import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compileValueGenerator } from './compile-value-generator.ts';
import { hashString } from './hash-string.ts';

const ajv = new Ajv({ strict: false, validateFormats: false });
const rowIds = Array.from({ length: 200 }, (_, index) => `row-${index}`);

const schemas: Record<string, object> = {
  'numbers with bounds': {
    type: 'object',
    properties: {
      rating: { type: 'integer', minimum: 1, maximum: 5 },
      open: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      above: { type: 'number', minimum: 1000 },
      below: { type: 'integer', maximum: -10 },
      even: { type: 'integer', multipleOf: 2, minimum: 1, maximum: 9 },
      exact: { type: 'integer', minimum: 3, maximum: 3 },
    },
    required: ['rating', 'open', 'above', 'below', 'even', 'exact'],
  },
  'strings with lengths and formats': {
    type: 'object',
    properties: {
      short: { type: 'string', maxLength: 4 },
      long: { type: 'string', minLength: 80 },
      when: { type: 'string', format: 'date-time' },
      day: { type: 'string', format: 'date' },
      email: { type: 'string', format: 'email' },
      link: { type: 'string', format: 'uri' },
      key: { type: 'string', format: 'uuid' },
    },
    required: ['short', 'long', 'when', 'day', 'email', 'link', 'key'],
  },
  'arrays': {
    type: 'object',
    properties: {
      many: { type: 'array', items: { type: 'integer' }, minItems: 5 },
      none: { type: 'array', items: { type: 'string' }, maxItems: 0 },
      labels: { type: 'array', items: { enum: ['a', 'b', 'c'] }, uniqueItems: true, minItems: 2 },
      pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false },
      matrix: { type: 'array', items: { type: 'array', items: { type: 'boolean' } } },
    },
    required: ['many', 'none', 'labels', 'pair', 'matrix'],
  },
  'unions, consts and combinations': {
    type: 'object',
    properties: {
      maybe: { type: ['null', 'integer'] },
      either: { oneOf: [{ type: 'null' }, { type: 'object', properties: { x: { type: 'string' } }, required: ['x'] }] },
      fixed: { const: 'v1' },
      both: { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'integer' } }, required: ['b'] }] },
      anything: {},
      untyped: { required: ['implied'] },
    },
    required: ['maybe', 'either', 'fixed', 'both', 'anything', 'untyped', 'undeclared'],
  },
  'recursive refs': {
    $defs: {
      node: {
        type: 'object',
        properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } },
        required: ['name', 'children'],
        additionalProperties: false,
      },
    },
    type: 'object',
    properties: { root: { $ref: '#/$defs/node' } },
    required: ['root'],
  },
};

describe('compileValueGenerator', () => {
  it.each(Object.entries(schemas))('generates valid values for %s', (_name, schema) => {
    const generate = compileValueGenerator(schema);
    const validate = ajv.compile(schema);
    for (const rowId of rowIds) {
      const value = generate(hashString(rowId), rowId, 0, 0);
      if (!validate(value)) throw new Error(`${rowId}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(value)}`);
    }
  });

  it.each(Object.entries(schemas))('varying optional and nullable values, still generates valid values for %s', (_name, schema) => {
    const generate = compileValueGenerator(schema, { context: { root: schema, refs: new Map(), vary: true } });
    const validate = ajv.compile(schema);
    for (const rowId of rowIds) {
      const value = generate(hashString(rowId), rowId, 0, 0);
      if (!validate(value)) throw new Error(`${rowId}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(value)}`);
    }
  });

  it('varying, leaves optional properties out and answers null where null is allowed, in some rows only', () => {
    const schema = {
      type: 'object',
      properties: { kept: { type: 'string' }, optional: { type: 'string' }, nullable: { type: ['number', 'null'] }, branch: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      required: ['kept', 'nullable', 'branch'],
    };
    const generate = compileValueGenerator(schema, { context: { root: schema, refs: new Map(), vary: true } });
    const values = rowIds.map((rowId) => generate(hashString(rowId), rowId, 0, 0) as Record<string, unknown>);
    const share = (test: (value: Record<string, unknown>) => boolean) => values.filter(test).length / values.length;
    expect(share((value) => typeof value.kept === 'string')).toBe(1);
    for (const test of [(value: Record<string, unknown>) => !('optional' in value), (value: Record<string, unknown>) => value.nullable === null, (value: Record<string, unknown>) => value.branch === null]) {
      expect(share(test)).toBeGreaterThan(0.2);
      expect(share(test)).toBeLessThan(0.5);
    }
    // Without it, every property is given and nothing is null.
    const plain = compileValueGenerator(schema)(hashString('row-1'), 'row-1', 0, 0);
    expect(plain).toEqual({ kept: expect.any(String), optional: expect.any(String), nullable: expect.any(Number), branch: expect.any(String) });
  });

  it('reads 2020-12 tuples (prefixItems)', () => {
    const schema = { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false };
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const generate = compileValueGenerator(schema);
    for (const rowId of rowIds.slice(0, 20)) expect(validate(generate(hashString(rowId), rowId, 0, 0))).toBe(true);
  });

  it('varies values across rows', () => {
    const generate = compileValueGenerator({ type: 'integer', minimum: 0, maximum: 1000 });
    const values = new Set(rowIds.map((rowId) => generate(hashString(rowId), rowId, 0, 0)));
    expect(values.size).toBeGreaterThan(100);
  });

  it('writes readable strings naming the field and the row', () => {
    const generate = compileValueGenerator({ type: 'object', properties: { summary: { type: 'string' }, tags: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 } } });
    expect(generate(hashString('r12'), 'r12', 0, 0)).toEqual({ summary: 'mock summary for r12', tags: ['mock tags 1 for r12', 'mock tags 2 for r12'] });
  });
});
