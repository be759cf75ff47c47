import type { LimitName } from './limits/limit-name.ts';

/**
 * Limits enforced separately for every API key and model (as providers do per organisation and
 * model). A limit left out is not enforced. Per-minute limits are the capacity of their window;
 * see `createLimitLedger` for how each provider's windows refill.
 */
export type SimulatorLimits = { [name in LimitName]?: number } & {
  /** Requests answered at the same time; one more is rejected with a 429 until one finishes. */
  maxInFlight?: number;
};
