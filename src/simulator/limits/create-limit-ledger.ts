import type { SimulatorLimits } from '../simulator-limits.ts';
import { createContinuousBucket } from './create-continuous-bucket.ts';
import { createFixedWindow } from './create-fixed-window.ts';
import { createPerSecondBucket } from './create-per-second-bucket.ts';
import type { Admission, CallCharge, LimitLedger, LimitRejection, LimitStatus } from './limit-ledger.ts';
import { chargedAmount, countsOutputTokens, limitNames, limitPeriodMs, type LimitName } from './limit-name.ts';
import type { LimitShape } from './limit-shape.ts';
import type { RateWindow } from './rate-window.ts';

/** How a provider's windows refill: continuously (OpenAI, Anthropic) or all at once per window (Gemini). */
export type WindowKind = 'continuous' | 'fixed';

// A call rejected for concurrency while every call in flight hangs has no known end to wait for.
const unknownEndRetryMs = 1000;

/** How a ledger enforces its limits: the provider's kind of window, and for refilling ones the shape of per-minute limits. */
export interface LedgerEnforcement {
  windowKind: WindowKind;
  /** Ignored for fixed windows, which are per minute (and per day). */
  shape: LimitShape;
}

/** The ledger of one API key and model, enforcing `limits` as `enforcement` says. */
export function createLimitLedger(limits: SimulatorLimits, { windowKind, shape }: LedgerEnforcement, nowMs: number): LimitLedger {
  const windows = new Map<LimitName, RateWindow>();
  // Fixed windows count from the ledger's first use, so a burst is never split by a boundary by chance.
  const originMs = nowMs;
  const expectedEnds = new Set<{ endMs: number }>();
  let maxInFlight: number | undefined;

  const createWindow = (limit: LimitName, capacity: number, currentMs: number): RateWindow => {
    if (windowKind === 'fixed') return createFixedWindow(capacity, limitPeriodMs[limit], originMs);
    // Per-day limits are not quantized: nothing documents them so.
    if (shape === 'per-second' && limitPeriodMs[limit] === 60_000) return createPerSecondBucket(capacity, currentMs);
    return createContinuousBucket(capacity, limitPeriodMs[limit], currentMs);
  };

  const ledger: LimitLedger = {
    admit(charge, expectedEndMs, currentMs) {
      const rejection = windowRejection(charge, currentMs) ?? inFlightRejection(currentMs);
      if (rejection !== undefined) return { admitted: false, rejection };
      for (const [limit, window] of windows) window.take(chargedAmount(limit, charge), currentMs);
      const hold = { endMs: expectedEndMs };
      expectedEnds.add(hold);
      // Refunds go to the windows that charged this call, even if the limits change meanwhile.
      const charged = [...windows].filter(([limit]) => countsOutputTokens[limit]).map(([, window]) => window);
      let finished = false;
      return {
        admitted: true,
        ticket: {
          finish(unusedOutputTokens, finishedMs) {
            if (finished) return;
            finished = true;
            expectedEnds.delete(hold);
            if (unusedOutputTokens > 0) for (const window of charged) window.refund(unusedOutputTokens, finishedMs);
          },
        },
      } satisfies Admission;
    },
    status(currentMs) {
      const status: Partial<Record<LimitName, LimitStatus>> = {};
      for (const [limit, window] of windows) {
        status[limit] = {
          limit: window.capacity,
          remaining: Math.max(0, Math.floor(window.available(currentMs))),
          resetMs: window.fullInMs(currentMs),
        };
      }
      return status;
    },
    capacity(limit) {
      return windows.get(limit)?.capacity;
    },
    setLimits(newLimits, currentMs) {
      for (const limit of limitNames) {
        const capacity = newLimits[limit];
        const window = windows.get(limit);
        if (capacity === undefined) windows.delete(limit);
        else if (window === undefined) windows.set(limit, createWindow(limit, capacity, currentMs));
        else window.resize(capacity, currentMs);
      }
      maxInFlight = newLimits.maxInFlight;
    },
    get inFlight() {
      return expectedEnds.size;
    },
  };

  function windowRejection(charge: CallCharge, currentMs: number): LimitRejection | undefined {
    let worst: LimitRejection | undefined;
    for (const [limit, window] of windows) {
      const requested = chargedAmount(limit, charge);
      const waitMs = window.waitMs(requested, currentMs);
      if (waitMs === 0 || (worst !== undefined && waitMs <= worst.retryAfterMs)) continue;
      const used = Math.max(0, Math.ceil(window.used(currentMs)));
      worst = { limit, limitValue: window.capacity, used, requested, retryAfterMs: waitMs };
    }
    return worst;
  }

  function inFlightRejection(currentMs: number): LimitRejection | undefined {
    if (maxInFlight === undefined || expectedEnds.size < maxInFlight) return undefined;
    const firstEndMs = Math.min(...[...expectedEnds].map((hold) => hold.endMs));
    const retryAfterMs =
      maxInFlight <= 0 ? Infinity : Number.isFinite(firstEndMs) ? Math.max(0, firstEndMs - currentMs) : unknownEndRetryMs;
    return { limit: 'maxInFlight', limitValue: maxInFlight, used: expectedEnds.size, requested: 1, retryAfterMs };
  }

  ledger.setLimits(limits, nowMs);
  return ledger;
}
