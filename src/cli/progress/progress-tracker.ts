import type { SwarmEvent } from '../../events/swarm-event.ts';

/** Live counts of a running pass, built from engine events. */
export interface ProgressSnapshot {
  done: number;
  failed: number;
  /** Rows this run will try (matched minus already answered). */
  total: number;
  inFlight: number;
  rowsPerSecond: number;
  /** Seconds to finish at the current rate; undefined until there is a rate. */
  etaSeconds: number | undefined;
  inputTokens: number;
  outputTokens: number;
  cost: number | undefined;
  elapsedSeconds: number;
  /** Retries waited for after transient errors. */
  retries: number;
  /** The limiter of the pass's provider key, once the pass has started. */
  limiterKey?: string;
  /** Rate-limit answers seen. */
  rateLimits: number;
  /** Calls allowed in flight now, where the limits come from, and any parked deadline. */
  concurrency?: number;
  limitSource?: string;
  parkedUntil?: number;
}

/** Folds engine events into a progress snapshot. */
export function createProgressTracker(now: () => number = () => performance.now()) {
  const startedAt = now();
  const snapshot: ProgressSnapshot = {
    done: 0,
    failed: 0,
    total: 0,
    inFlight: 0,
    rowsPerSecond: 0,
    etaSeconds: undefined,
    inputTokens: 0,
    outputTokens: 0,
    cost: undefined,
    elapsedSeconds: 0,
    retries: 0,
    rateLimits: 0,
  };
  return {
    handle(event: SwarmEvent): void {
      switch (event.type) {
        case 'pass-start':
          snapshot.total = event.total - event.skipped;
          snapshot.limiterKey = event.limiterKey;
          break;
        case 'rate-limit':
          snapshot.rateLimits++;
          break;
        case 'dispatch-start':
          snapshot.inFlight++;
          break;
        case 'dispatch-end':
          snapshot.inFlight = Math.max(0, snapshot.inFlight - 1);
          snapshot.inputTokens += event.usage.inputTokens;
          snapshot.outputTokens += event.usage.outputTokens;
          if (event.cost !== undefined) snapshot.cost = (snapshot.cost ?? 0) + event.cost;
          break;
        case 'retry-wait':
          snapshot.retries++;
          break;
        case 'row-end':
          if (event.status === 'done') snapshot.done++;
          else snapshot.failed++;
          break;
      }
    },
    snapshot(): ProgressSnapshot {
      snapshot.elapsedSeconds = (now() - startedAt) / 1000;
      const finished = snapshot.done + snapshot.failed;
      snapshot.rowsPerSecond = snapshot.elapsedSeconds > 0 ? finished / snapshot.elapsedSeconds : 0;
      snapshot.etaSeconds = snapshot.rowsPerSecond > 0 ? Math.max(0, snapshot.total - finished) / snapshot.rowsPerSecond : undefined;
      return { ...snapshot };
    },
  };
}

/** A progress tracker. */
export type ProgressTracker = ReturnType<typeof createProgressTracker>;
