import type { SimulatorLimits } from '../simulator-limits.ts';
import type { LimitName } from './limit-name.ts';

/** The quota one call uses: its input tokens and the output tokens charged for it up front. */
export interface CallCharge {
  inputTokens: number;
  outputTokens: number;
}

/** Where one limit stands, for the rate-limit headers. */
export interface LimitStatus {
  limit: number;
  /** Whole units left now. */
  remaining: number;
  /** Milliseconds until the limit is back at full capacity. */
  resetMs: number;
}

/** Why a call was turned away, with what the provider's 429 reports. */
export interface LimitRejection {
  limit: LimitName | 'maxInFlight';
  limitValue: number;
  used: number;
  requested: number;
  /** Time until the call would fit (if nothing else arrives); Infinity when it alone exceeds the limit. */
  retryAfterMs: number;
}

/** An admitted call's hold on the ledger. */
export interface LedgerTicket {
  /** Ends the call: frees its in-flight slot and gives back `unusedOutputTokens`. Later calls do nothing. */
  finish(unusedOutputTokens: number, nowMs: number): void;
}

/** The outcome of asking to admit a call. */
export type Admission = { admitted: true; ticket: LedgerTicket } | { admitted: false; rejection: LimitRejection };

/** The limits of one API key and model: their windows and the calls in flight. */
export interface LimitLedger {
  /** Admits the call and charges every window, or rejects it without charging anything. */
  admit(charge: CallCharge, expectedEndMs: number, nowMs: number): Admission;
  /** Where each enforced limit stands. */
  status(nowMs: number): Partial<Record<LimitName, LimitStatus>>;
  /** A limit's current capacity, if it is enforced. */
  capacity(limit: LimitName): number | undefined;
  /** Replaces the limits, keeping what each remaining window has used. */
  setLimits(limits: SimulatorLimits, nowMs: number): void;
  /** Calls admitted and not finished. */
  readonly inFlight: number;
}
