import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.ts';
import { createKeyLimiter, type KeyLimiter, type LimiterSnapshot } from './key-limiter.ts';
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
  /** Every limiter's key and state, in the order they were made (`swarm status`). */
  snapshots(): Array<{ key: string; limiter: LimiterSnapshot }>;
  /** Stops following the parks and users other processes write (before the store closes). */
  close(): void;
}

// How often a process looks at what other processes sharing the store wrote (parks, users).
const pollMs = 1_000;
// A process that has not said it uses a key for this long does not any more.
const userExpiryMs = 3_000;
// Calls sent at once by a new process on a key an earlier run used without refusals, at most.
const rememberedBurstCap = 32;
// What a key showed is forgotten once no process has used it for this long (a week): the account
// may have changed since (another tier, other users of the key), and it is learned anew.
const rememberedKeyMaxAgeMs = 7 * 86_400_000;

/**
 * Creates the registry. What one process learns of a key is written to the store, so a restarted
 * process, or another one sharing the store, starts from it: a parked key's deadline (it holds
 * off until the provider's deadline instead of hammering it again), the limits the provider
 * stated (it paces from the first call), and how many calls went at once without a refusal
 * (those two for a week after the key was last used).
 * Processes using a key at the same time each pace at their share of its limits.
 */
export function createLimiterRegistry(store: Store): LimiterRegistry {
  const limiters = new Map<string, { limiter: KeyLimiter; maxConcurrency: number; saved: string }>();
  const user = randomUUID();
  const { keys } = store;
  let poll: NodeJS.Timeout | undefined;

  // What this process learned of a key, for the next process: written when it changes.
  const remember = (key: string, entry: { limiter: KeyLimiter; saved: string }, now: number) => {
    const snapshot = entry.limiter.snapshot();
    const learned = snapshot.source === 'header' || snapshot.source === 'learned' ? snapshot.limits : {};
    const saved = JSON.stringify([learned, snapshot.largestInFlight]);
    if (saved === entry.saved || (Object.keys(learned).length === 0 && snapshot.largestInFlight === 0)) return;
    keys.saveLimits(key, { limits: learned, largestInFlight: snapshot.largestInFlight, at: now });
    entry.saved = saved;
  };
  const follow = () => {
    try {
      const now = Date.now();
      // Parks another process wrote: one query for every key, adopted without being written back.
      for (const { key, parkedUntil } of keys.parksAfter(now)) {
        const limiter = limiters.get(key)?.limiter;
        if (limiter !== undefined && parkedUntil > (limiter.snapshot().parkedUntil ?? 0)) limiter.park(parkedUntil, { known: true });
      }
      for (const [key, entry] of limiters) {
        remember(key, entry, now);
        const { inFlight, waiting } = entry.limiter.snapshot();
        if (inFlight + waiting === 0) {
          keys.forgetUser(key, user);
          entry.limiter.setShare(1);
          continue;
        }
        keys.markUser(key, user, now);
        const users = keys.countUsers(key, now - userExpiryMs);
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
      const parkedUntil = keys.parkedUntil(key);
      const remembered = keys.limits(key, { since: Date.now() - rememberedKeyMaxAgeMs });
      const rememberedLimits = (remembered?.limits ?? {}) as RateLimits;
      const configured = limits !== undefined && Object.keys(limits).length > 0;
      const known = configured || Object.keys(rememberedLimits).length > 0;
      const limiter = createKeyLimiter({
        limits,
        maxConcurrency,
        // With limits known the pacer spaces the calls; with none, only evidence earns a burst.
        initialConcurrency: known ? initialConcurrency : Math.min(initialConcurrency, remembered?.largestInFlight ?? 1, rememberedBurstCap),
        adaptive,
        parkedUntil,
        onPark: (until) => keys.savePark(key, until, Date.now()),
      });
      if (Object.keys(rememberedLimits).length > 0) limiter.learn({ limits: rememberedLimits, source: 'learned' });
      limiters.set(key, { limiter, maxConcurrency, saved: "" });
      poll ??= setInterval(follow, pollMs).unref();
      return limiter;
    },
    find(key) {
      return limiters.get(key)?.limiter;
    },
    snapshots() {
      return [...limiters].map(([key, entry]) => ({ key, limiter: entry.limiter.snapshot() }));
    },
    close() {
      clearInterval(poll);
      poll = undefined;
      try {
        for (const [key, entry] of limiters) {
          remember(key, entry, Date.now());
          keys.forgetUser(key, user);
        }
      } catch {
        // The store is closed already.
      }
    },
  };
}
