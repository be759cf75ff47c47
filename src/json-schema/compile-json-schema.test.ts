import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compileJsonSchema } from './compile-json-schema.ts';
import { metaSchemaErrors } from './meta-schema.ts';

const valid: object[] = [
  { type: 'object', properties: { label: { type: 'string', enum: ['a', 'b'] }, score: { type: 'number', minimum: 0 } }, required: ['label'] },
  { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' }, maxItems: 3 } }, additionalProperties: false },
  { type: 'object', properties: { a: { anyOf: [{ type: 'string' }, { type: 'null' }] } }, definitions: { x: { type: 'integer' } } },
  { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { $ref: '#/definitions/x' } }, definitions: { x: { type: 'integer' } } },
];
const invalid: object[] = [
  { type: 'object', properties: { a: { type: 'strng' } } },
  { type: 'object', properties: { a: { type: 'number', minimum: 'x' } } },
  { type: 'object', properties: { a: { type: 'string', enum: 'x' } } },
  { type: 'object', properties: { a: { type: 'string', maxLength: -1 } } },
  { type: 'object', properties: { a: 5 } },
  { type: 'object', properties: { a: { type: 'string' } }, required: 'a' },
  { type: 'object', properties: { a: { type: 'string' } }, required: [5] },
  { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: 'no' },
  { type: 'object', properties: { a: { anyOf: [] } } },
];

describe('compileJsonSchema', () => {
  it('uses the meta-schema check npm install precompiled', () => {
    // `npm ci` runs the prepare script; a missing file means it did not, and every pass pays the compile.
    expect(existsSync(fileURLToPath(new URL('./generated/draft-07-check.cjs', import.meta.url)))).toBe(true);
  });

  it('judges schemas exactly as Ajv compiling the meta-schema itself does', () => {
    const reference = new Ajv({ allErrors: true, strict: false });
    for (const schema of [...valid, ...invalid]) {
      expect(metaSchemaErrors(schema) === undefined, JSON.stringify(schema)).toBe(reference.validateSchema(schema));
    }
  });

  it('compiles a valid schema into a validator that reports every error', () => {
    const validate = compileJsonSchema(valid[0]!);
    expect(validate({ label: 'a', score: 1 })).toBe(true);
    expect(validate({ label: 'c', score: -1 })).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toEqual(['/label', '/score']);
  });

  it('names where an invalid schema is wrong', () => {
    expect(() => compileJsonSchema(invalid[0]!)).toThrow(/\/properties\/a\/type must be equal to one of the allowed values/);
    expect(() => compileJsonSchema(invalid[1]!)).toThrow(/\/properties\/a\/minimum must be number/);
  });

  it('compiles two schemas with the same $id and different contents', () => {
    const first = compileJsonSchema({ $id: 'https://example.com/answer', type: 'object', properties: { a: { type: 'string' } } });
    const second = compileJsonSchema({ $id: 'https://example.com/answer', type: 'object', properties: { a: { type: 'number' } } });
    expect([first({ a: 'x' }), second({ a: 'x' }), second({ a: 1 })]).toEqual([true, false, true]);
  });

  it('refuses a $schema it does not know', () => {
    expect(() => compileJsonSchema({ $schema: 'https://example.com/not-a-meta-schema', type: 'object' })).toThrow(/not-a-meta-schema/);
  });
});
