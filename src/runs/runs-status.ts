import type { SwarmContext } from '../context/swarm-context.ts';
import type { LimiterSnapshot } from '../limit/key-limiter.ts';
import type { RunManager } from './run-manager.ts';
import type { RunView } from './run-view.ts';

/** What a process running runs is doing: runs, calls, limiters, and today's spend. */
export interface RunsStatus {
  /** Runs under way here. */
  runs: RunView[];
  /** Calls in flight, and waiting for a limiter, over every key. */
  callsInFlight: number;
  callsWaiting: number;
  /** Each limiter (provider key and model): learned limits, concurrency, parks. */
  limiters: Array<{ key: string } & LimiterSnapshot>;
  /** USD spent today (UTC) by every pass of the store, and the daily cap from swarm.config.yaml, if any. */
  spend: { today: number; maxDailyCost?: number };
}

/** The status of the runs of `runs` over `context`. */
export function runsStatus(context: SwarmContext, runs: RunManager): RunsStatus {
  const limiters = context.limiters.snapshots().map(({ key, limiter }) => ({ key, ...limiter }));
  const dayStart = new Date().setUTCHours(0, 0, 0, 0);
  const maxDailyCost = context.config.budget?.maxDailyCost;
  return {
    runs: runs.active(),
    callsInFlight: limiters.reduce((sum, limiter) => sum + limiter.inFlight, 0),
    callsWaiting: limiters.reduce((sum, limiter) => sum + limiter.waiting, 0),
    limiters,
    spend: { today: context.store.spend.costSince(dayStart), ...(maxDailyCost === undefined ? {} : { maxDailyCost }) },
  };
}
