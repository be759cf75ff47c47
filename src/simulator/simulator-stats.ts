import type { BatchCounts } from './batch/batch-counts.ts';
import type { LimitName } from './limits/limit-name.ts';
import type { ProviderName } from './provider-name.ts';

/** Why a call was answered with an error instead of being accepted. */
export type RejectReason =
  | LimitName
  | 'maxInFlight'
  | 'injectedRateLimit'
  | 'overloaded'
  | 'serverError'
  | 'auth'
  | 'billing'
  | 'quota'
  | 'badRequest';

/** Something that happened to an accepted call: an injected fault, slowness, or the client leaving. */
export type CallFault =
  | 'hang'
  | 'drop'
  | 'malformed'
  | 'truncated'
  | 'midStreamError'
  | 'slow'
  | 'slowFirstToken'
  | 'clientAborted';

/** One request as the simulator saw it. */
export interface RequestLogEntry {
  /** When it arrived (epoch milliseconds). */
  atMs: number;
  /** The status sent; 0 when no response was ever sent (a hang). */
  status: number;
  /** `answered`, why it was rejected, or the fault that broke it. */
  outcome: 'answered' | RejectReason | CallFault;
  stream: boolean;
  /** The request's output cap (`max_tokens`, `max_completion_tokens`, `maxOutputTokens`), when it set one. */
  maxOutputTokens?: number;
  /** A 429's wait as the simulator computed it, before the dialect rounds it (or `limitDisclosure` withholds it). */
  retryAfterMs?: number;
}

/** Counters for a slice of the traffic. */
export interface TrafficCounts {
  received: number;
  accepted: number;
  rejected: Partial<Record<RejectReason, number>>;
  /** Responses with status 429, whatever the reason. */
  rateLimited: number;
  faults: Partial<Record<CallFault, number>>;
  /** Input tokens of accepted calls. */
  inputTokens: number;
  /** Output tokens of accepted calls, as delivered (not as reserved). */
  outputTokens: number;
  /** Calls accepted and not yet finished. */
  inFlight: number;
  /** The most calls that were in flight at once. */
  maxInFlight: number;
}

/** The traffic of one provider, API key and model. */
export interface KeyModelStats extends TrafficCounts {
  provider: ProviderName;
  /** The key the request carried; empty when it carried none. */
  apiKey: string;
  model: string;
  log: RequestLogEntry[];
}

/** A snapshot of everything the simulator has seen. */
export interface SimulatorStats {
  perKeyModel: KeyModelStats[];
  /** Sums over all keys and models; `maxInFlight` is the most in flight at once across all of them. */
  total: TrafficCounts;
  /** Each provider's batch API (batch items are not online calls: they are counted only here). */
  batch: Record<ProviderName, BatchCounts>;
}
