import { describe, expect, it } from 'vitest';
import { createRateEstimate } from './rate-estimate.ts';

/**
 * Drives an estimate against a provider bucket holding `capacity` and refilling `perSecond`, the
 * client sending at its estimated pace (or `startPerSecond` before it has one). Returns the paces
 * and the refusals per second.
 */
function simulate({ perSecond, capacity, seconds, startPerSecond }: { perSecond: number; capacity: number; seconds: number; startPerSecond: number }) {
  const estimate = createRateEstimate();
  let level = capacity;
  let last = 0;
  let nextSend = 0;
  const refusals: number[] = Array.from({ length: seconds }, () => 0);
  const paces: number[] = [];
  for (let now = 0; now < seconds * 1000; now++) {
    estimate.tick(now);
    if (now % 1000 === 0) paces.push((estimate.perMinute ?? startPerSecond * 60) / 60);
    if (now < nextSend) continue;
    level = Math.min(capacity, level + ((now - last) * perSecond) / 1000);
    last = now;
    if (level >= 1) {
      level -= 1;
      estimate.accepted(now);
    } else {
      refusals[Math.floor(now / 1000)]!++;
      estimate.refused(now, now);
    }
    nextSend = now + 1000 / ((estimate.perMinute ?? startPerSecond * 60) / 60);
  }
  return { paces, refusals };
}

describe('createRateEstimate', () => {
  it('knows nothing until the provider refuses a call', () => {
    const estimate = createRateEstimate();
    estimate.accepted(0);
    estimate.tick(10_000);
    expect(estimate.perMinute).toBeUndefined();
  });

  it('starts at half the rate accepted in the second before the first refusal', () => {
    const estimate = createRateEstimate();
    for (let index = 0; index < 12; index++) estimate.accepted(1_000 + index * 80);
    estimate.refused(1_990, 2_000);
    expect(estimate.perMinute).toBeCloseTo(12 * 60 * 0.5);
  });

  it('finds a per-second bucket of 10 a second from a burst of refusals, then holds under it with rare refusals', () => {
    const { paces, refusals } = simulate({ perSecond: 10, capacity: 10, seconds: 240, startPerSecond: 30 });
    const lastMinute = paces.slice(-60);
    expect(Math.min(...lastMinute)).toBeGreaterThan(8.5);
    expect(Math.max(...lastMinute)).toBeLessThan(11);
    // Steady state: after the first minute, refusals are under 0.5 % of ~1,800 calls.
    expect(refusals.slice(60).reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(9);
  });

  it('comes down to a minute-sized bucket\'s rate after its burst is spent', () => {
    const { paces } = simulate({ perSecond: 10, capacity: 600, seconds: 240, startPerSecond: 100 });
    const lastMinute = paces.slice(-60);
    expect(Math.max(...lastMinute)).toBeLessThan(11);
    expect(Math.min(...lastMinute)).toBeGreaterThan(7);
  });

  it('finds a limit of one a second', () => {
    const { paces, refusals } = simulate({ perSecond: 1, capacity: 1, seconds: 600, startPerSecond: 3 });
    expect(paces.at(-1)).toBeGreaterThan(0.8);
    expect(paces.at(-1)).toBeLessThan(1.05);
    expect(refusals.slice(120).reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(3);
  });
});
