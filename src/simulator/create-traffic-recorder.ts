import type { ProviderName } from './provider-name.ts';
import type { CallFault, KeyModelStats, RejectReason, SimulatorStats, TrafficCounts } from './simulator-stats.ts';

/** Counts what the simulator sees, per provider, API key and model and in total. */
export interface TrafficRecorder {
  /** The live counters for a provider, key and model, created on first use. */
  entry(provider: ProviderName, apiKey: string, model: string): KeyModelStats;
  /** Counts a call as started (in flight) on `entry`. */
  started(entry: KeyModelStats): void;
  /** Counts a started call as finished. */
  ended(entry: KeyModelStats): void;
  /** Counts a rejection. */
  rejected(entry: KeyModelStats, reason: RejectReason, status: number): void;
  /** Counts a fault of an accepted call. */
  fault(entry: KeyModelStats, fault: CallFault): void;
  /** A deep copy of the counters of online calls. */
  snapshot(): Omit<SimulatorStats, 'batch'>;
}

/** A recorder with every counter at zero. */
export function createTrafficRecorder(): TrafficRecorder {
  const entries = new Map<string, KeyModelStats>();
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    entry(provider, apiKey, model) {
      const key = JSON.stringify([provider, apiKey, model]);
      let entry = entries.get(key);
      if (entry === undefined) {
        entry = { provider, apiKey, model, ...emptyCounts(), log: [] };
        entries.set(key, entry);
      }
      return entry;
    },
    started(entry) {
      entry.inFlight++;
      entry.maxInFlight = Math.max(entry.maxInFlight, entry.inFlight);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
    },
    ended(entry) {
      entry.inFlight--;
      inFlight--;
    },
    rejected(entry, reason, status) {
      entry.rejected[reason] = (entry.rejected[reason] ?? 0) + 1;
      if (status === 429) entry.rateLimited++;
    },
    fault(entry, fault) {
      entry.faults[fault] = (entry.faults[fault] ?? 0) + 1;
    },
    snapshot() {
      const perKeyModel = [...entries.values()].map((entry) => structuredClone(entry));
      const total = emptyCounts();
      for (const entry of perKeyModel) {
        total.received += entry.received;
        total.accepted += entry.accepted;
        total.rateLimited += entry.rateLimited;
        total.inputTokens += entry.inputTokens;
        total.outputTokens += entry.outputTokens;
        addCounts(total.rejected, entry.rejected);
        addCounts(total.faults, entry.faults);
      }
      total.inFlight = inFlight;
      total.maxInFlight = maxInFlight;
      return { perKeyModel, total };
    },
  };
}

function emptyCounts(): TrafficCounts {
  return { received: 0, accepted: 0, rejected: {}, rateLimited: 0, faults: {}, inputTokens: 0, outputTokens: 0, inFlight: 0, maxInFlight: 0 };
}

function addCounts<Name extends string>(target: Partial<Record<Name, number>>, source: Partial<Record<Name, number>>): void {
  for (const [name, count] of Object.entries(source) as Array<[Name, number]>) target[name] = (target[name] ?? 0) + count;
}
