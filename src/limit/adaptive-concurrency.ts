import { limiterTuning } from './limiter-tuning.ts';

/** How many calls may be in flight for one key, adjusted from what the provider does. */
export interface AdaptiveConcurrency {
  /** Calls allowed in flight now (at least 1). */
  readonly limit: number;
  /** A call succeeded after `latencyMs` while `inFlight` calls were running. */
  onSuccess(latencyMs: number, inFlight: number): void;
  /** The provider said it is overloaded (529, 503): back off if that is more than the odd failure. */
  onOverload(): void;
  /** A known pace needs this many calls in flight (rate × latency): grow to it at once, within the cap. */
  raiseTo(limit: number): void;
  /** Changes the cap (another pass on the same key asks for a different `concurrency`). */
  setMax(max: number): void;
}

const { overloadWindow, overloadsToBackOff } = limiterTuning;

/**
 * Additive increase, multiplicative decrease, with a slow start: the limit grows by one per
 * success until the first push-back (doubling per round trip), then by one per round trip.
 * It shrinks by 30 % when overloads are more than the odd one among recent calls, and by a tenth
 * when latency climbs well above its floor while the limit is in use (the provider is queueing
 * us), at most once per round trip. Rate limits (429) are not its business: the pacer's.
 */
export function createAdaptiveConcurrency({
  initial = 1,
  min = 1,
  max = 1024,
  latencyTolerance = 2,
}: { initial?: number; min?: number; max?: number; latencyTolerance?: number } = {}): AdaptiveConcurrency {
  let ceiling = max;
  let limit = Math.max(min, Math.min(ceiling, initial));
  let slowStartCeiling = ceiling;
  let usualLatency = 0;
  let smoothedLatency = 0;
  // No decrease yet, so the first push-back always counts.
  let completionsSinceDecrease = Number.POSITIVE_INFINITY;
  // Recent outcomes, true for an overload.
  const outcomes: boolean[] = [];
  const remember = (overloaded: boolean) => {
    outcomes.push(overloaded);
    if (outcomes.length > overloadWindow) outcomes.shift();
  };
  const decrease = (factor: number) => {
    // One decrease per round trip: the calls already in flight were sent under the old limit.
    if (completionsSinceDecrease < limit) return;
    limit = Math.max(min, limit * factor);
    slowStartCeiling = limit;
    completionsSinceDecrease = 0;
  };
  return {
    get limit() {
      return Math.max(min, Math.floor(limit));
    },
    onSuccess(latencyMs, inFlight) {
      completionsSinceDecrease++;
      remember(false);
      usualLatency = usualLatency === 0 ? latencyMs : usualLatency * 0.99 + latencyMs * 0.01;
      smoothedLatency = smoothedLatency === 0 ? latencyMs : smoothedLatency * 0.9 + latencyMs * 0.1;
      const saturated = inFlight >= Math.floor(limit) - 1;
      if (saturated && limit > min && usualLatency > 1 && smoothedLatency > usualLatency * latencyTolerance) {
        decrease(0.9);
        return;
      }
      if (!saturated) return;
      limit = Math.min(ceiling, limit < slowStartCeiling ? limit + 1 : limit + 1 / limit);
    },
    onOverload() {
      completionsSinceDecrease++;
      remember(true);
      if (outcomes.filter(Boolean).length >= Math.min(overloadsToBackOff, outcomes.length)) decrease(0.7);
    },
    raiseTo(value) {
      limit = Math.max(limit, Math.min(ceiling, value));
    },
    setMax(value) {
      ceiling = Math.max(min, value);
      limit = Math.min(limit, ceiling);
    },
  };
}

/** A concurrency that never adapts: always its cap. */
export function fixedConcurrency(max: number): AdaptiveConcurrency {
  let limit = max;
  return {
    get limit() {
      return limit;
    },
    onSuccess() {},
    onOverload() {},
    raiseTo() {},
    setMax(value) {
      limit = value;
    },
  };
}
