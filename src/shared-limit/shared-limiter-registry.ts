import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { LimiterRegistry } from '../limit/limiter-registry.ts';
import { createSharedKeyLimiter, type SharedKeyLimiter } from './shared-key-limiter.ts';
import { sharedLimiterKeys } from './shared-limiter-keys.ts';

// How often a process says it is alive on each key it uses, and how long silence means it is gone
// (its calls in flight are given back; settles it makes after all count no more).
const beatMs = 1_000;
const goneAfterMs = 4_000;

/**
 * A limiter registry whose limiters keep their state in Redis under `prefix`: every process using
 * the same Redis and prefix draws from one limit per provider key and model (see
 * `createSharedKeyLimiter`). Each process beats on the keys it uses; the calls in flight of a
 * process that stops beating (killed) are given back.
 */
export function createSharedLimiterRegistry({ redis, prefix, onError }: { redis: Redis; prefix: string; onError?: (error: unknown) => void }): LimiterRegistry {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const limiters = new Map<string, SharedKeyLimiter>();
  let timer: NodeJS.Timeout | undefined;
  const beat = () => {
    for (const limiter of limiters.values()) limiter.beat(goneAfterMs).catch((error: unknown) => onError?.(error));
  };
  return {
    limiterFor(key, options) {
      let limiter = limiters.get(key);
      if (limiter === undefined) {
        limiter = createSharedKeyLimiter({ redis, keys: sharedLimiterKeys(prefix, key), holder, onError });
        limiters.set(key, limiter);
        limiter.beat(goneAfterMs).catch((error: unknown) => onError?.(error));
        timer ??= setInterval(beat, beatMs).unref();
      }
      limiter.configure(options);
      return limiter;
    },
    find(key) {
      return limiters.get(key);
    },
    snapshots() {
      return [...limiters].map(([key, limiter]) => ({ key, limiter: limiter.snapshot() }));
    },
    close() {
      clearInterval(timer);
      timer = undefined;
      for (const limiter of limiters.values()) limiter.leave().catch(() => {});
    },
  };
}
