import { describe, expect, it } from 'vitest';
import { formatProblemList } from './format-problem-list.ts';

describe('formatProblemList', () => {
  it('puts one item on the summary line', () => {
    expect(formatProblemList('glob matched no files', ['src/*.x'])).toBe('glob matched no files: src/*.x');
  });

  it('lists several items one per line and caps long lists', () => {
    expect(formatProblemList('files not found', ['a', 'b'])).toBe('files not found:\n  a\n  b');
    const items = Array.from({ length: 53 }, (_, index) => `f${index}`);
    const message = formatProblemList('files not found', items);
    expect(message.split('\n')).toHaveLength(52);
    expect(message).toMatch(/\n  f49\n  … and 3 more$/);
  });
});
