import type { Store } from '../store/store.ts';
import { createKeyLimiter, type KeyLimiter } from './key-limiter.ts';
import type { RateLimits } from './rate-limits.ts';

/** One limiter per provider key and model, shared by every pass in the process. */
export interface LimiterRegistry {
  /** The limiter for `key` (created on first use); `maxConcurrency` sets its cap, for every pass using the key. */
  limiterFor(key: string, options: { limits?: RateLimits; maxConcurrency: number; initialConcurrency: number; adaptive: boolean }): KeyLimiter;
  /** The limiter for `key`, if one exists. */
  find(key: string): KeyLimiter | undefined;
  /** Stops following the parks other processes write (before the store closes). */
  close(): void;
}

// How often a process looks for parks another process sharing the store has written.
const parkPollMs = 1_000;

/**
 * Creates the registry. A parked key's deadline is written to the store, so a restarted process
 * still holds off until the provider's deadline instead of hammering it again, and another
 * process using the same key and store holds off too, within a second.
 */
export function createLimiterRegistry(store: Store): LimiterRegistry {
  const limiters = new Map<string, { limiter: KeyLimiter; maxConcurrency: number; adaptive: boolean }>();
  const savePark = store.statement(
    `INSERT INTO key_parks (key, parked_until, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET parked_until = max(parked_until, excluded.parked_until), updated_at = excluded.updated_at`,
  );
  const loadPark = store.statement('SELECT parked_until FROM key_parks WHERE key = ?');
  const loadParksAfter = store.statement('SELECT key, parked_until FROM key_parks WHERE parked_until > ?');
  let poll: NodeJS.Timeout | undefined;
  // Parks another process wrote: one query for every key, adopted without being written back.
  const adoptParks = () => {
    try {
      for (const { key, parked_until } of loadParksAfter.all(Date.now()) as Array<{ key: string; parked_until: number }>) {
        const limiter = limiters.get(key)?.limiter;
        if (limiter !== undefined && parked_until > (limiter.snapshot().parkedUntil ?? 0)) limiter.park(parked_until, { known: true });
      }
    } catch {
      // The store was closed without closing the registry: nothing is left to follow.
      clearInterval(poll);
      poll = undefined;
    }
  };
  return {
    limiterFor(key, { limits, maxConcurrency, initialConcurrency, adaptive }) {
      // One limiter per key, whatever each pass asks: the provider's limits are the key's, not a pass's.
      const existing = limiters.get(key);
      if (existing !== undefined) {
        if (limits !== undefined) existing.limiter.learn({ limits, source: 'configured' });
        if (existing.maxConcurrency !== maxConcurrency) {
          existing.limiter.setMaxConcurrency(maxConcurrency);
          existing.maxConcurrency = maxConcurrency;
        }
        return existing.limiter;
      }
      const parked = loadPark.get(key) as { parked_until: number } | undefined;
      const limiter = createKeyLimiter({
        limits,
        maxConcurrency,
        initialConcurrency,
        adaptive,
        parkedUntil: parked?.parked_until,
        onPark: (until) => savePark.run(key, until, Date.now()),
      });
      limiters.set(key, { limiter, maxConcurrency, adaptive });
      poll ??= setInterval(adoptParks, parkPollMs).unref();
      return limiter;
    },
    find(key) {
      return limiters.get(key)?.limiter;
    },
    close() {
      clearInterval(poll);
      poll = undefined;
    },
  };
}
