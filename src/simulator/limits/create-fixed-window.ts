import type { RateWindow } from './rate-window.ts';

/**
 * A counter that allows `capacity` units per window of `periodMs` and starts from zero at each
 * window boundary (windows start at `originMs`). Gemini quotas behave this way: the RetryInfo
 * delay in a 429 counts down to the next window, not to when the excess would have refilled, and
 * per-day quotas reset all at once (at midnight Pacific; here at day boundaries from `originMs`).
 */
export function createFixedWindow(capacity: number, periodMs: number, originMs: number): RateWindow {
  let limit = capacity;
  let used = 0;
  let windowIndex = 0;
  const roll = (currentMs: number) => {
    const index = Math.floor((currentMs - originMs) / periodMs);
    if (index > windowIndex) {
      windowIndex = index;
      used = 0;
    }
  };
  const untilNextWindow = (currentMs: number) => originMs + (windowIndex + 1) * periodMs - currentMs;
  return {
    get capacity() {
      return limit;
    },
    available(currentMs) {
      roll(currentMs);
      return limit - used;
    },
    used(currentMs) {
      roll(currentMs);
      return used;
    },
    waitMs(amount, currentMs) {
      roll(currentMs);
      if (amount > limit) return Infinity;
      return used + amount <= limit ? 0 : untilNextWindow(currentMs);
    },
    take(amount, currentMs) {
      roll(currentMs);
      used += amount;
    },
    refund(amount, currentMs) {
      roll(currentMs);
      used = Math.max(0, used - amount);
    },
    fullInMs(currentMs) {
      roll(currentMs);
      return used === 0 ? 0 : untilNextWindow(currentMs);
    },
    resize(newCapacity, currentMs) {
      roll(currentMs);
      limit = newCapacity;
    },
  };
}
