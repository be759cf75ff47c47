import type { CompleteFaults } from './complete-faults.ts';
import type { CompleteLatency } from './complete-latency.ts';
import type { TrafficRecorder } from './create-traffic-recorder.ts';
import type { LimitDisclosure } from './limits/limit-disclosure.ts';
import type { LimitLedger } from './limits/limit-ledger.ts';
import type { ProviderDialect } from './provider-dialect.ts';

/** What every request handler of one simulator shares; settings are replaced when changed mid-run. */
export interface SimulatorContext {
  latency: CompleteLatency;
  faults: CompleteFaults;
  /** Seeds the answer values (the fault sequence is `random`). */
  seed: number;
  /** The seeded sequence faults and latencies are drawn from, advanced by each call in arrival order. */
  random: () => number;
  streamChunkCharacters: number;
  /** Whether answers carry the provider's rate-limit headers. */
  limitHeaders: boolean;
  /** Whether 429s state the limit and the wait. */
  limitDisclosure: LimitDisclosure;
  /** Aborts when the simulator closes, releasing hung and in-progress calls. */
  closing: AbortSignal;
  recorder: TrafficRecorder;
  /** The ledger of a provider, API key and model, created with the current limits on first use. */
  ledgerFor(dialect: ProviderDialect, apiKey: string, model: string, nowMs: number): LimitLedger;
}
