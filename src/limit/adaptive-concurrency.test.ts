import { describe, expect, it } from 'vitest';
import { createAdaptiveConcurrency, type AdaptiveConcurrency } from './adaptive-concurrency.ts';

/** `count` successes at `latencyMs`, each with the whole limit in flight (saturated). */
function succeed(concurrency: AdaptiveConcurrency, count: number, latencyMs = 100): void {
  for (let index = 0; index < count; index++) concurrency.onSuccess(latencyMs, concurrency.limit);
}

describe('createAdaptiveConcurrency', () => {
  it('slow start: grows by one per saturated success, doubling per round trip', () => {
    const concurrency = createAdaptiveConcurrency({ initial: 4, max: 1000 });
    succeed(concurrency, 4);
    expect(concurrency.limit).toBe(8);
    succeed(concurrency, 8);
    expect(concurrency.limit).toBe(16);
  });

  it('does not grow while the limit is not in use', () => {
    const concurrency = createAdaptiveConcurrency({ initial: 8 });
    for (let index = 0; index < 50; index++) concurrency.onSuccess(100, 2);
    expect(concurrency.limit).toBe(8);
  });

  it('backs off by 30 % on an overload when it is no odd one, even before a round trip has completed', () => {
    const concurrency = createAdaptiveConcurrency({ initial: 32 });
    concurrency.onOverload();
    expect(concurrency.limit).toBe(22);
  });

  it('backs off once per round trip: overloads from calls sent under the old limit are ignored', () => {
    const concurrency = createAdaptiveConcurrency({ initial: 32 });
    for (let index = 0; index < 23; index++) concurrency.onOverload();
    expect(concurrency.limit).toBe(22);
    // A round trip is a limit's worth of completions.
    concurrency.onOverload();
    expect(concurrency.limit).toBe(15);
  });

  it('does not shrink for the odd overload: one call in twenty failing leaves it at its cap', () => {
    // Issue 9: random 5 % of 503s halved the concurrency again and again, making a pass 4.4× slower.
    const concurrency = createAdaptiveConcurrency({ initial: 32, max: 32 });
    for (let index = 1; index <= 2_000; index++) {
      if (index % 20 === 0) concurrency.onOverload();
      else concurrency.onSuccess(100, concurrency.limit);
    }
    expect(concurrency.limit).toBe(32);
  });

  it('after a push-back grows by about one per round trip, not one per success', () => {
    const concurrency = createAdaptiveConcurrency({ initial: 20 });
    concurrency.onOverload();
    expect(concurrency.limit).toBe(14);
    succeed(concurrency, 13);
    expect(concurrency.limit).toBe(14);
    succeed(concurrency, 2);
    expect(concurrency.limit).toBe(15);
  });

  it('grows at once to what a known pace needs in flight, within its cap', () => {
    const concurrency = createAdaptiveConcurrency({ initial: 1, max: 600 });
    concurrency.raiseTo(450);
    expect(concurrency.limit).toBe(450);
    concurrency.raiseTo(10);
    expect(concurrency.limit).toBe(450);
    concurrency.raiseTo(5_000);
    expect(concurrency.limit).toBe(600);
  });

  it('backs off by a tenth when latency climbs well above its floor while saturated', () => {
    const concurrency = createAdaptiveConcurrency({ initial: 20, max: 20 });
    succeed(concurrency, 20, 50);
    expect(concurrency.limit).toBe(20);
    // The provider starts queueing us: latency rises far above the 50 ms floor.
    succeed(concurrency, 1, 2_000);
    expect(concurrency.limit).toBe(18);
    // Still slow, but these calls were sent under the old limit.
    succeed(concurrency, 17, 2_000);
    expect(concurrency.limit).toBe(18);
    // One round trip later: another tenth.
    succeed(concurrency, 1, 2_000);
    expect(concurrency.limit).toBe(16);
  });

  it('ignores slow calls when the limit is not in use', () => {
    const concurrency = createAdaptiveConcurrency({ initial: 20, max: 20 });
    succeed(concurrency, 20, 50);
    for (let index = 0; index < 50; index++) concurrency.onSuccess(5_000, 3);
    expect(concurrency.limit).toBe(20);
  });

  it('stays within min and max', () => {
    const concurrency = createAdaptiveConcurrency({ initial: 2, min: 1, max: 3 });
    succeed(concurrency, 10);
    expect(concurrency.limit).toBe(3);
    for (let round = 0; round < 10; round++) {
      concurrency.onOverload();
      succeed(concurrency, 3);
    }
    expect(concurrency.limit).toBeGreaterThanOrEqual(1);
    for (let index = 0; index < 30; index++) concurrency.onOverload();
    expect(concurrency.limit).toBe(1);
  });
});
