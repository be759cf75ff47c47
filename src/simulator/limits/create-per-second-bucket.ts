import { createContinuousBucket } from './create-continuous-bucket.ts';
import type { RateWindow } from './rate-window.ts';

const secondMs = 1000;
const minuteMs = 60_000;

/**
 * A per-minute `limit` enforced per second (see `LimitShape`): a bucket of limit/60 units, at
 * least 1, refilled continuously at limit/60 per second. A call larger than that bucket (a big
 * prompt against a token limit) is admitted once the bucket is full and leaves it in debt, so the
 * rate holds without refusing forever what the minute's limit allows; only a call over the
 * minute's limit is too large.
 *
 * What it reports stays on the minute, as the providers' headers do (OpenAI's limit 60 with
 * remaining 59 and reset 1s; Anthropic's requests "within any rate limit period"): `capacity` is
 * the per-minute limit, and `available` and `fullInMs` come from a minute-sized bucket charged with
 * the same calls. That bucket never holds more back than the per-second one, so a client reading
 * `remaining: 590` of 600 may still be refused. A 429's "Used" is the limit less what the
 * per-second bucket holds, which is also what OpenAI's messages add up to (Limit 30000, Used
 * 29937, Requested 385: 63 left, 644 ms to refill the 322 short at 500 a second).
 */
export function createPerSecondBucket(limit: number, nowMs: number): RateWindow {
  const minute = createContinuousBucket(limit, minuteMs, nowMs);
  let perMinute = limit;
  let size = sizeFor(limit);
  let level = size;
  let updatedMs = nowMs;
  const refill = (currentMs: number) => {
    if (currentMs <= updatedMs) return;
    if (perMinute > 0) level = Math.min(size, level + ((currentMs - updatedMs) * perMinute) / minuteMs);
    updatedMs = currentMs;
  };
  return {
    get capacity() {
      return perMinute;
    },
    available: (currentMs) => minute.available(currentMs),
    used(currentMs) {
      refill(currentMs);
      return perMinute - level;
    },
    waitMs(amount, currentMs) {
      const minuteWaitMs = minute.waitMs(amount, currentMs);
      if (!Number.isFinite(minuteWaitMs)) return Infinity;
      refill(currentMs);
      const needed = Math.min(amount, size);
      const secondWaitMs = level >= needed ? 0 : ((needed - level) * minuteMs) / perMinute;
      return Math.max(minuteWaitMs, secondWaitMs);
    },
    take(amount, currentMs) {
      refill(currentMs);
      level -= amount;
      minute.take(amount, currentMs);
    },
    refund(amount, currentMs) {
      refill(currentMs);
      level = Math.min(size, level + amount);
      minute.refund(amount, currentMs);
    },
    fullInMs: (currentMs) => minute.fullInMs(currentMs),
    resize(newLimit, currentMs) {
      refill(currentMs);
      // As the minute bucket does: what was used stays used.
      const used = size - level;
      perMinute = newLimit;
      size = sizeFor(newLimit);
      level = size - used;
      minute.resize(newLimit, currentMs);
    },
  };
}

function sizeFor(limit: number): number {
  return Math.max(1, (limit * secondMs) / minuteMs);
}
