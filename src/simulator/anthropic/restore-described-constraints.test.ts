import { describe, expect, it } from 'vitest';
import { restoreDescribedConstraints } from './restore-described-constraints.ts';

describe('restoreDescribedConstraints', () => {
  it('puts constraints the AI SDK moved into descriptions back as keywords, at any depth', () => {
    const schema = {
      type: 'object',
      properties: {
        score: { type: 'integer', description: 'How good\nminimum: 1; maximum: 5.' },
        tags: { type: 'array', items: { type: 'string', description: 'max length: 10; pattern: ^[a-z]+$.' }, description: 'min items: 2; unique items: true.' },
      },
    };
    expect(restoreDescribedConstraints(schema)).toEqual({
      type: 'object',
      properties: {
        score: { type: 'integer', description: 'How good\nminimum: 1; maximum: 5.', minimum: 1, maximum: 5 },
        tags: {
          type: 'array',
          items: { type: 'string', description: 'max length: 10; pattern: ^[a-z]+$.', maxLength: 10, pattern: '^[a-z]+$' },
          description: 'min items: 2; unique items: true.',
          minItems: 2,
          uniqueItems: true,
        },
      },
    });
  });

  it('leaves ordinary descriptions alone', () => {
    const schema = { type: 'string', description: 'The name: first and last.' };
    expect(restoreDescribedConstraints(schema)).toEqual(schema);
  });
});
