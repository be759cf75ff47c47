/**
 * A continuously refilling bucket: holds at most `capacity`, refills `capacity` every
 * `windowMs`. The level may go negative when actual usage exceeds a reservation; callers then
 * wait until it refills.
 */
export interface TokenBucket {
  readonly capacity: number;
  /** Units available now (may be negative). */
  level(now: number): number;
  take(amount: number, now: number): void;
  /** Returns units (a reservation larger than actual usage). */
  give(amount: number, now: number): void;
  /** Milliseconds until `amount` is available (0 when it is). */
  waitFor(amount: number, now: number): number;
  /** Lowers the level to at most `level` (the provider told us how much is left). */
  clamp(level: number, now: number): void;
  /** Changes the capacity (a limit learned or changed mid-run), keeping the fill ratio. */
  resize(capacity: number, now: number): void;
}

/** Creates a bucket starting full. */
export function createTokenBucket(capacity: number, windowMs: number, now: number): TokenBucket {
  let size = capacity;
  let current = capacity;
  let updatedAt = now;
  const refill = (time: number) => {
    if (time > updatedAt) {
      current = Math.min(size, current + ((time - updatedAt) * size) / windowMs);
      updatedAt = time;
    }
  };
  return {
    get capacity() {
      return size;
    },
    level(time) {
      refill(time);
      return current;
    },
    take(amount, time) {
      refill(time);
      current -= amount;
    },
    give(amount, time) {
      refill(time);
      current = Math.min(size, current + amount);
    },
    waitFor(amount, time) {
      refill(time);
      // A request larger than the whole bucket can never fit: let it go when the bucket is full.
      const needed = Math.min(amount, size) - current;
      return needed <= 0 ? 0 : Math.ceil((needed * windowMs) / size);
    },
    clamp(level, time) {
      refill(time);
      current = Math.min(current, level);
    },
    resize(capacity, time) {
      refill(time);
      current = size > 0 ? (current / size) * capacity : capacity;
      size = capacity;
    },
  };
}
