import type { RateWindow } from './rate-window.ts';

/**
 * A token bucket that holds `capacity` units and refills continuously at `capacity` per
 * `periodMs`. Anthropic documents its limits this way ("your capacity is continuously replenished
 * up to your maximum limit"), and OpenAI's behave this way: its 429s ask for exactly the time the
 * excess takes to refill at limit/60 per second (Limit 30000, Used 29937, Requested 385 → "try
 * again in 644ms").
 */
export function createContinuousBucket(capacity: number, periodMs: number, nowMs: number): RateWindow {
  let limit = capacity;
  let level = capacity;
  let updatedMs = nowMs;
  const refill = (currentMs: number) => {
    if (currentMs <= updatedMs) return;
    if (limit > 0) level = Math.min(limit, level + ((currentMs - updatedMs) * limit) / periodMs);
    updatedMs = currentMs;
  };
  return {
    get capacity() {
      return limit;
    },
    available(currentMs) {
      refill(currentMs);
      return level;
    },
    used(currentMs) {
      refill(currentMs);
      return limit - level;
    },
    waitMs(amount, currentMs) {
      refill(currentMs);
      if (amount > limit) return Infinity;
      return level >= amount ? 0 : ((amount - level) * periodMs) / limit;
    },
    take(amount, currentMs) {
      refill(currentMs);
      level -= amount;
    },
    refund(amount, currentMs) {
      refill(currentMs);
      level = Math.min(limit, level + amount);
    },
    fullInMs(currentMs) {
      refill(currentMs);
      return limit > 0 ? ((limit - level) * periodMs) / limit : 0;
    },
    resize(newCapacity, currentMs) {
      refill(currentMs);
      // What was used stays used: raising a limit frees room at once, lowering it can leave a debt.
      const used = limit - level;
      limit = newCapacity;
      level = newCapacity - used;
    },
  };
}
