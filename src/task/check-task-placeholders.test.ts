import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/index.ts';
import { checkTaskPlaceholders } from './check-task-placeholders.ts';

describe('checkTaskPlaceholders', () => {
  it('accepts columns the seeds have, and {{seed}} always', () => {
    expect(() => checkTaskPlaceholders('Into {language}: {{seed}} {id}', ['id', 'text', 'language'])).not.toThrow();
  });

  it('names the unknown placeholder and the columns there are', () => {
    let caught: unknown;
    try {
      checkTaskPlaceholders('Into {lang}: {{seed}}', ['id', 'text', 'language'], { file: '/tasks/t.yaml' });
    } catch (error) {
      caught = error;
    }
    expect(InvalidInputError.isInstance(caught)).toBe(true);
    expect((caught as InvalidInputError).message).toBe(
      '/tasks/t.yaml: prompt_template uses {lang}, but the seeds have no such column; columns: id, text, language (use {{seed}} for the seed text)',
    );
  });

  it('lists several and names the template checked', () => {
    expect(() => checkTaskPlaceholders('{a} {b} {a}', ['id'], { key: 'next_turn.template' })).toThrow(
      'next_turn.template uses {a}, {b}, but the seeds have no such columns; columns: id',
    );
  });
});
