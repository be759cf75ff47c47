import { describe, expect, it } from 'vitest';
import { splitJsonArray } from './split-json-array.ts';

async function split(text: string, chunkSize = text.length || 1): Promise<[number, string][]> {
  async function* chunks() {
    for (let start = 0; start < text.length; start += chunkSize) yield text.slice(start, start + chunkSize);
  }
  const elements: [number, string][] = [];
  for await (const { line, text: element } of splitJsonArray(chunks())) elements.push([line, element]);
  return elements;
}

describe('splitJsonArray', () => {
  const array = '\uFEFF[\n  {"a": "x, ] } \\" [", "b": [1, {"c": 2}]},\n  "two",\n\n  3\n]\n';
  const expected: [number, string][] = [
    [2, '{"a": "x, ] } \\" [", "b": [1, {"c": 2}]}'],
    [3, '"two"'],
    [5, '3'],
  ];

  it('cuts top-level elements, ignoring brackets and commas in strings and nested values', async () => {
    expect(await split(array)).toEqual(expected);
  });

  it('gives the same elements whatever the chunk boundaries', async () => {
    for (const size of [1, 2, 3, 7]) expect(await split(array, size)).toEqual(expected);
  });

  it('yields the cut-short last element of a truncated array', async () => {
    expect(await split('[{"a": 1}, {"a": "unfinish', 4)).toEqual([
      [1, '{"a": 1}'],
      [1, '{"a": "unfinish'],
    ]);
  });

  it('reads a file that is not an array as one element, and an empty one as none', async () => {
    expect(await split('\n\n{"a": [1,\n 2]}\n', 3)).toEqual([[3, '{"a": [1,\n 2]}']]);
    expect(await split('  \n')).toEqual([]);
    expect(await split('[]')).toEqual([]);
    expect(await split('[1,,2]')).toEqual([
      [1, '1'],
      [1, '2'],
    ]);
  });
});
