import { describe, expect, it } from 'vitest';
import { formatGoDuration } from './format-go-duration.ts';

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'],
    [120, '120ms'],
    [999.6, '1s'],
    [1000, '1s'],
    [8640, '8.64s'],
    [360_000, '6m0s'],
    [1_030_368, '17m10.368s'],
    [3_723_500, '1h2m3.5s'],
  ])('writes %d ms as %s', (milliseconds, text) => {
    expect(formatGoDuration(milliseconds)).toBe(text);
  });
});
