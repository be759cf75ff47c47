import { describe, expect, it } from 'vitest';
import { createPacer } from './pacer.ts';

describe('createPacer', () => {
  it('with no burst, spaces calls evenly at its rate', () => {
    const pacer = createPacer(600, 0);
    expect(pacer.waitFor(1, 0)).toBe(0);
    pacer.take(1, 0);
    expect(pacer.waitFor(1, 0)).toBe(100);
    expect(pacer.waitFor(1, 60)).toBe(40);
    pacer.take(1, 100);
    expect(pacer.waitFor(1, 100)).toBe(100);
  });

  it('holds no more than its burst after a pause', () => {
    const pacer = createPacer(600, 0, 5);
    let sent = 0;
    while (pacer.waitFor(1, 60_000) === 0) {
      pacer.take(1, 60_000);
      sent++;
    }
    expect(sent).toBe(5);
  });

  it('lets a call larger than the whole burst go when it is full, and makes the next wait for its cost', () => {
    const pacer = createPacer(6_000, 0, 10);
    expect(pacer.waitFor(500, 0)).toBe(0);
    pacer.take(500, 0);
    // 490 in debt, refilling 100 a second: 4.9 s until the burst's one token... and 5 s until 10.
    expect(pacer.waitFor(1, 0)).toBe(4_910);
    expect(pacer.waitFor(10, 0)).toBe(5_000);
  });

  it('takes back unused units, never above its burst', () => {
    const pacer = createPacer(600, 0, 2);
    pacer.take(2, 0);
    pacer.give(5, 0);
    expect(pacer.waitFor(2, 0)).toBe(0);
    pacer.take(2, 0);
    expect(pacer.waitFor(1, 0)).toBe(100);
  });

  it('lowers its level to what the provider says is left, never raises it', () => {
    const pacer = createPacer(600, 0, 10);
    pacer.clamp(-2, 0);
    expect(pacer.waitFor(1, 0)).toBe(300);
    pacer.clamp(50, 0);
    expect(pacer.waitFor(1, 0)).toBe(300);
  });

  it('keeps what is owed when its rate changes', () => {
    const pacer = createPacer(600, 0);
    pacer.take(1, 0);
    pacer.take(1, 0);
    pacer.setRate(60, 0);
    // Two owed (one beyond the burst): at one a second, 2 s until a call may go.
    expect(pacer.waitFor(1, 0)).toBe(2_000);
  });
});
