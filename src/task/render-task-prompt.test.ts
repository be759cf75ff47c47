import { describe, expect, it } from 'vitest';
import { renderNextTurn } from './render-next-turn.ts';
import { renderTaskPrompt } from './render-task-prompt.ts';
import { seedTextOf } from './seed-text-of.ts';

describe('seedTextOf', () => {
  it('takes seed, then text, then prompt', () => {
    expect(seedTextOf({ id: '1', seed: 'a', text: 'b', prompt: 'c' })).toBe('a');
    expect(seedTextOf({ id: '1', text: 'b', prompt: 'c' })).toBe('b');
    expect(seedTextOf({ id: '1', seed: null, prompt: 'c' })).toBe('c');
  });

  it('writes non-string seeds as JSON', () => {
    expect(seedTextOf({ id: '1', seed: { topic: 'tides', level: 2 } })).toBe('{"topic":"tides","level":2}');
  });

  it('falls back to the row as JSON without its id', () => {
    expect(seedTextOf({ id: '1', topic: 'tides', level: 2 })).toBe('{"topic":"tides","level":2}');
  });
});

describe('renderTaskPrompt', () => {
  it('puts the seed text for {{seed}} and row values for {column}', () => {
    const row = { id: 'r1', text: 'Bonjour', language: 'English', tags: ['greeting'], score: 3 };
    expect(renderTaskPrompt('Translate into {language}: {{seed}} ({tags}, {score}, {missing})', row)).toBe(
      'Translate into English: Bonjour (["greeting"], 3, )',
    );
  });

  it('allows spaces inside {{ seed }}', () => {
    expect(renderTaskPrompt('Q: {{ seed }}', { id: '1', seed: 'yes', question: 'no' })).toBe('Q: yes');
  });

  it('never reads inserted text as a placeholder', () => {
    expect(renderTaskPrompt('{{seed}} / {b}', { id: '1', seed: 'literal {b} and {{seed}}', b: 'B' })).toBe('literal {b} and {{seed}} / B');
  });

  it('leaves other double-brace placeholders and JSON-looking text alone', () => {
    expect(renderTaskPrompt('{{last}} {"label": "x"} {{seed}}', { id: '1', seed: 's' })).toBe('{{last}} {"label": "x"} s');
  });
});

describe('renderNextTurn', () => {
  it('fills {{last}}, {{turn}}, {{seed}} and {column}', () => {
    const row = { id: '1', seed: 'a storm', genre: 'a fable' };
    expect(renderNextTurn('Turn {{turn}} on {{seed}} as {genre}; you said: {{last}}', row, { last: 'Once…', turn: 2 })).toBe(
      'Turn 2 on a storm as a fable; you said: Once…',
    );
  });
});
