import { describe, expect, it } from 'vitest';
import { dropNullOptionals } from './drop-null-optionals.ts';

describe('dropNullOptionals', () => {
  it('takes out nulls of optional properties that may not be null, at any depth', () => {
    const schema = {
      type: 'object',
      properties: {
        s: { type: 'string' },
        n: { type: 'number' },
        maybe: { type: ['string', 'null'] },
        author: { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string' } }, required: ['name'] },
        tags: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' } } } },
      },
      required: ['s'],
    };
    const answer = { s: 'x', n: null, maybe: null, author: { name: 'a', email: null }, tags: [{ label: null }, { label: 'b' }] };
    expect(dropNullOptionals(answer, schema)).toEqual({ s: 'x', maybe: null, author: { name: 'a' }, tags: [{}, { label: 'b' }] });
  });

  it('keeps a null the schema requires or allows, so the validator judges it', () => {
    const schema = { type: 'object', properties: { s: { type: 'string' }, any: {}, either: { anyOf: [{ type: 'string' }, { type: 'null' }] } }, required: ['s'] };
    expect(dropNullOptionals({ s: null, any: null, either: null }, schema)).toEqual({ s: null, any: null, either: null });
  });

  it('follows references, allOf parts and the union branch that fits the answer', () => {
    const schema = {
      type: 'object',
      properties: {
        step: { $ref: '#/$defs/step' },
        both: { allOf: [{ $ref: '#/$defs/step' }, { properties: { extra: { type: 'string' } } }] },
        shape: {
          anyOf: [
            { type: 'object', properties: { radius: { type: 'number' }, label: { type: 'string' } }, required: ['radius'] },
            { type: 'object', properties: { width: { type: 'number' }, height: { type: 'number' }, label: { type: 'string' } }, required: ['width'] },
          ],
        },
        next: { anyOf: [{ $ref: '#' }, { type: 'null' }] },
      },
      $defs: { step: { type: 'object', properties: { note: { type: 'string' } } } },
    };
    const answer = { step: { note: null }, both: { note: null, extra: null }, shape: { width: 2, height: null, label: null }, next: { step: { note: null }, next: null } };
    expect(dropNullOptionals(answer, schema)).toEqual({ step: {}, both: {}, shape: { width: 2 }, next: { step: {}, next: null } });
  });

  it('leaves scalars and answers of another shape alone', () => {
    expect(dropNullOptionals('text', { type: 'object' })).toBe('text');
    expect(dropNullOptionals([null], { type: 'object', properties: { a: { type: 'string' } } })).toEqual([null]);
  });
});
