import { describe, expect, it } from 'vitest';
import { createFixedWindow } from './create-fixed-window.ts';

describe('createFixedWindow', () => {
  it('allows its capacity per window and waits for the next window', () => {
    const window = createFixedWindow(2, 60_000, 1_000);
    window.take(2, 1_000);
    expect(window.waitMs(1, 11_000)).toBe(50_000);
    expect(window.fullInMs(11_000)).toBe(50_000);
    expect(window.waitMs(1, 61_000)).toBe(0);
    expect(window.available(61_000)).toBe(2);
  });

  it('does not refill part-way through a window', () => {
    const window = createFixedWindow(10, 60_000, 0);
    window.take(10, 0);
    expect(window.available(59_999)).toBe(0);
  });

  it('rejects amounts over its capacity outright', () => {
    expect(createFixedWindow(10, 60_000, 0).waitMs(11, 0)).toBe(Infinity);
  });
});
