import { backoffDelay } from '../call/backoff-delay.ts';
import type { KeyLimiter } from '../limit/key-limiter.ts';
import type { AttemptRecorder } from './attempt-recorder.ts';

/** Rate-limit refusals in a row without a wait the provider named, for Swarm's own backoff. */
export interface RefusalStreak {
  count: number;
}

/**
 * Holds every call for the key until the provider's deadline (`providerWaitMs` from now), or
 * Swarm's backoff when it named none; returns the deadline (epoch ms).
 */
export function parkKey(
  { limiter, recorder, streak }: { limiter: KeyLimiter; recorder: AttemptRecorder | undefined; streak: RefusalStreak },
  providerWaitMs: number | undefined,
): number {
  const waitSource = providerWaitMs === undefined ? 'backoff' : 'provider';
  // A provider that says neither its limit nor how long to wait: the limiter already slowed its
  // pace to the rate the provider accepted; a park on top would only idle the key.
  const { pacedPerMinute, source } = limiter.snapshot();
  if (providerWaitMs === undefined && source === 'none' && pacedPerMinute !== undefined) {
    const now = Date.now();
    recorder?.keyPark({ parkedUntil: now, waitSource });
    return now;
  }
  const waitMs = providerWaitMs ?? backoffDelay(++streak.count, { initialDelayMs: 1000, maxDelayMs: 60_000 }) + 250;
  const parkedUntil = Date.now() + waitMs;
  limiter.park(parkedUntil);
  recorder?.keyPark({ parkedUntil, waitSource });
  return parkedUntil;
}
