/**
 * Spaces the units of one limit (requests or tokens) evenly at a rate, with a small burst: a
 * bucket that holds `burst` units (at least one) and refills at the rate. A call goes when the
 * bucket holds its cost (or is full, for a call larger than the whole bucket) and may leave it in
 * debt, so the next waits until that is paid. With the least burst the calls go out evenly spaced.
 * Providers that enforce a per-minute limit per second (OpenAI and Anthropic both document it)
 * hold no more than a second's worth, so a pacer relies on no more burst than it has evidence for.
 */
export interface Pacer {
  /** Units per minute it refills at. */
  readonly perMinute: number;
  /** Units it may send at once after a pause. */
  readonly burst: number;
  /** Milliseconds until `amount` may start (0 when it may now). */
  waitFor(amount: number, now: number): number;
  take(amount: number, now: number): void;
  /** Gives back units taken but not used (an estimate larger than the actual usage). */
  give(amount: number, now: number): void;
  /** The provider has at most `level` units left now: lowers the pacer's level to it. */
  clamp(level: number, now: number): void;
  /** Changes the refill rate; what is owed stays owed. */
  setRate(perMinute: number, now: number): void;
  /** Changes how many units may go at once (at least one). */
  setBurst(units: number, now: number): void;
  /** How much longer than its own count a call larger than the bucket waits (see `waitFor`). */
  setFullBucketSlack(milliseconds: number): void;
}

const minuteMs = 60_000;
const defaultFullBucketSlackMs = 25;

/** Creates a pacer holding `burst` units (at least one), full. */
export function createPacer(perMinute: number, now: number, burst = 1): Pacer {
  let ratePerMs = perMinute / minuteMs;
  let capacity = Math.max(1, burst);
  let level = capacity;
  let updatedAt = now;
  let fullBucketSlackMs = defaultFullBucketSlackMs;
  const refill = (time: number) => {
    if (time > updatedAt) {
      level = Math.min(capacity, level + (time - updatedAt) * ratePerMs);
      updatedAt = time;
    }
  };
  return {
    get perMinute() {
      return ratePerMs * minuteMs;
    },
    get burst() {
      return capacity;
    },
    waitFor(amount, time) {
      refill(time);
      const needed = Math.min(amount, capacity) - level;
      // Rounding in the refill must not cost a millisecond per call.
      if (needed <= 1e-9 * capacity) return 0;
      if (ratePerMs <= 0) return Number.POSITIVE_INFINITY;
      // A call larger than the bucket goes when the provider's is full too: some room for the
      // difference between when this pacer grants a call and when the provider sees it.
      return Math.ceil(needed / ratePerMs) + (amount > capacity ? fullBucketSlackMs : 0);
    },
    take(amount, time) {
      refill(time);
      level -= amount;
    },
    give(amount, time) {
      refill(time);
      level = Math.min(capacity, level + amount);
    },
    clamp(value, time) {
      refill(time);
      level = Math.min(level, value);
    },
    setRate(newPerMinute, time) {
      refill(time);
      ratePerMs = newPerMinute / minuteMs;
    },
    setFullBucketSlack(milliseconds) {
      fullBucketSlackMs = milliseconds;
    },
    setBurst(units, time) {
      refill(time);
      capacity = Math.max(1, units);
      level = Math.min(level, capacity);
    },
  };
}
