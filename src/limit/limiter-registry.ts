import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.ts';
import { createKeyLimiter, type KeyLimiter } from './key-limiter.ts';
import type { RateLimits } from './rate-limits.ts';

/** One limiter per provider key and model, shared by every pass in the process. */
export interface LimiterRegistry {
  /**
   * The limiter for `key` (created on first use); `maxConcurrency` sets its cap, for every pass
   * using the key. `initialConcurrency` is how many calls go at once when nothing is known of the
   * key yet (neither configured limits nor what an earlier run learned).
   */
  limiterFor(key: string, options: { limits?: RateLimits; maxConcurrency: number; initialConcurrency: number; adaptive: boolean }): KeyLimiter;
  /** The limiter for `key`, if one exists. */
  find(key: string): KeyLimiter | undefined;
  /** Stops following the parks and users other processes write (before the store closes). */
  close(): void;
}

// How often a process looks at what other processes sharing the store wrote (parks, users).
const pollMs = 1_000;
// A process that has not said it uses a key for this long does not any more.
const userExpiryMs = 3_000;
// Calls sent at once by a new process on a key an earlier run used without refusals, at most.
const rememberedBurstCap = 32;

/**
 * Creates the registry. What one process learns of a key is written to the store, so a restarted
 * process, or another one sharing the store, starts from it: a parked key's deadline (it holds
 * off until the provider's deadline instead of hammering it again), the limits the provider
 * stated (it paces from the first call), and how many calls went at once without a refusal.
 * Processes using a key at the same time each pace at their share of its limits.
 */
export function createLimiterRegistry(store: Store): LimiterRegistry {
  const limiters = new Map<string, { limiter: KeyLimiter; maxConcurrency: number; adaptive: boolean; saved: string }>();
  const user = randomUUID();
  const savePark = store.statement(
    `INSERT INTO key_parks (key, parked_until, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET parked_until = max(parked_until, excluded.parked_until), updated_at = excluded.updated_at`,
  );
  const loadPark = store.statement('SELECT parked_until FROM key_parks WHERE key = ?');
  const loadParksAfter = store.statement('SELECT key, parked_until FROM key_parks WHERE parked_until > ?');
  const saveLimits = store.statement(
    `INSERT INTO key_limits (key, limits, largest_in_flight, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET limits = excluded.limits, largest_in_flight = excluded.largest_in_flight, updated_at = excluded.updated_at`,
  );
  const loadLimits = store.statement('SELECT limits, largest_in_flight FROM key_limits WHERE key = ?');
  const markUser = store.statement(
    `INSERT INTO key_users (key, user, seen_at) VALUES (?, ?, ?) ON CONFLICT (key, user) DO UPDATE SET seen_at = excluded.seen_at`,
  );
  const forgetUser = store.statement('DELETE FROM key_users WHERE key = ? AND user = ?');
  const countUsers = store.statement('SELECT count(*) AS users FROM key_users WHERE key = ? AND seen_at > ?');
  let poll: NodeJS.Timeout | undefined;

  // What this process learned of a key, for the next process: written when it changes.
  const remember = (key: string, entry: { limiter: KeyLimiter; saved: string }, now: number) => {
    const snapshot = entry.limiter.snapshot();
    const learned = snapshot.source === 'header' || snapshot.source === 'learned' ? snapshot.limits : {};
    const saved = JSON.stringify([learned, snapshot.largestInFlight]);
    if (saved === entry.saved || (Object.keys(learned).length === 0 && snapshot.largestInFlight === 0)) return;
    saveLimits.run(key, JSON.stringify(learned), snapshot.largestInFlight, now);
    entry.saved = saved;
  };
  const follow = () => {
    try {
      const now = Date.now();
      // Parks another process wrote: one query for every key, adopted without being written back.
      for (const { key, parked_until } of loadParksAfter.all(now) as Array<{ key: string; parked_until: number }>) {
        const limiter = limiters.get(key)?.limiter;
        if (limiter !== undefined && parked_until > (limiter.snapshot().parkedUntil ?? 0)) limiter.park(parked_until, { known: true });
      }
      for (const [key, entry] of limiters) {
        remember(key, entry, now);
        const { inFlight, waiting } = entry.limiter.snapshot();
        if (inFlight + waiting === 0) {
          forgetUser.run(key, user);
          entry.limiter.setShare(1);
          continue;
        }
        markUser.run(key, user, now);
        const { users } = countUsers.get(key, now - userExpiryMs) as { users: number };
        entry.limiter.setShare(1 / Math.max(1, users));
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
        if (limits !== undefined && Object.keys(limits).length > 0) existing.limiter.learn({ limits, source: 'configured' });
        if (existing.maxConcurrency !== maxConcurrency) {
          existing.limiter.setMaxConcurrency(maxConcurrency);
          existing.maxConcurrency = maxConcurrency;
        }
        return existing.limiter;
      }
      const parked = loadPark.get(key) as { parked_until: number } | undefined;
      const remembered = loadLimits.get(key) as { limits: string; largest_in_flight: number | null } | undefined;
      const rememberedLimits = remembered === undefined ? {} : (JSON.parse(remembered.limits) as RateLimits);
      const configured = limits !== undefined && Object.keys(limits).length > 0;
      const known = configured || Object.keys(rememberedLimits).length > 0;
      const limiter = createKeyLimiter({
        limits,
        maxConcurrency,
        // With limits known the pacer spaces the calls; with none, only evidence earns a burst.
        initialConcurrency: known ? initialConcurrency : Math.min(initialConcurrency, remembered?.largest_in_flight ?? 1, rememberedBurstCap),
        adaptive,
        parkedUntil: parked?.parked_until,
        onPark: (until) => savePark.run(key, until, Date.now()),
      });
      if (Object.keys(rememberedLimits).length > 0) limiter.learn({ limits: rememberedLimits, source: 'learned' });
      limiters.set(key, { limiter, maxConcurrency, adaptive, saved: '' });
      poll ??= setInterval(follow, pollMs).unref();
      return limiter;
    },
    find(key) {
      return limiters.get(key)?.limiter;
    },
    close() {
      clearInterval(poll);
      poll = undefined;
      try {
        for (const [key, entry] of limiters) {
          remember(key, entry, Date.now());
          forgetUser.run(key, user);
        }
      } catch {
        // The store is closed already.
      }
    },
  };
}
