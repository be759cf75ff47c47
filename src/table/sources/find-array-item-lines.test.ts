import { describe, expect, it } from 'vitest';
import { findArrayItemLines } from './find-array-item-lines.ts';

describe('findArrayItemLines', () => {
  it('finds the start line of each top-level item', () => {
    const text = '[\n  {"a": [1, 2,\n 3]},\n  {"b": "x,]\\"}{["},\n\n  {\n"c": {}}, 5, "s"\n]\n';
    expect(findArrayItemLines(text)).toEqual([2, 4, 6, 7, 7]);
  });

  it('handles one-line and empty arrays', () => {
    expect(findArrayItemLines('[{"a":1},{"b":2}]')).toEqual([1, 1]);
    expect(findArrayItemLines('[]')).toEqual([]);
    expect(findArrayItemLines('\n[\n]')).toEqual([]);
  });
});
