import type { SwarmEvent } from '../../events/swarm-event.ts';
import type { RateLimits } from '../../limit/rate-limits.ts';

/** Live counts of a running pass, built from engine events. */
export interface ProgressSnapshot {
  done: number;
  failed: number;
  /** Rows this run will try (matched minus already answered). */
  total: number;
  /** Matched rows an earlier run of the pass answered, not sent again. */
  alreadyDone: number;
  /** Calls sent and not yet answered. */
  inFlight: number;
  /** Calls sleeping before their retry after a transient error (not in flight). */
  retryWaiting: number;
  /** Rows finished per second over the last half minute. */
  rowsPerSecond: number;
  /**
   * Seconds to finish: at the recent rate, and never sooner than the provider's known limits
   * allow for the calls and tokens the rows left need; undefined until there is a rate.
   */
  etaSeconds: number | undefined;
  inputTokens: number;
  outputTokens: number;
  cost: number | undefined;
  elapsedSeconds: number;
  /** Calls that asked again for the same rows: after a transient error, a cut-off or an invalid answer. */
  retries: number;
  /** The limiter of the pass's provider key, once the pass has started. */
  limiterKey?: string;
  /** The pass runs commands: no tokens, no cost. */
  commands?: boolean;
  /** Rate-limit answers seen. */
  rateLimits: number;
  /** Calls allowed in flight now, where the limits come from, and any parked deadline. */
  concurrency?: number;
  limitSource?: string;
  parkedUntil?: number;
  /** Calls queued for room under the provider's limits (not for a free slot). */
  waitingForLimit?: number;
}

// The ETA follows the rate over this much of the recent past, so a pass that slowed down (a
// limit reached, a park) is not promised its early speed.
const rateWindowSeconds = 30;

/** Folds engine events into a progress snapshot. */
export function createProgressTracker(now: () => number = () => performance.now()) {
  const startedAt = now();
  const snapshot: ProgressSnapshot = {
    done: 0,
    failed: 0,
    total: 0,
    alreadyDone: 0,
    inFlight: 0,
    retryWaiting: 0,
    rowsPerSecond: 0,
    etaSeconds: undefined,
    inputTokens: 0,
    outputTokens: 0,
    cost: undefined,
    elapsedSeconds: 0,
    retries: 0,
    rateLimits: 0,
  };
  let calls = 0;
  // A pass on a backend's workers: their samples say what is in flight; their calls' events come
  // back with each outcome, start and end together, and do not count.
  let onWorkers = false;
  // Calls between a transient error and their retry, by their rows.
  const retrying = new Set<string>();
  // (seconds since start, rows finished) at each snapshot, oldest first, within the rate window.
  const history: Array<[number, number]> = [[0, 0]];
  return {
    handle(event: SwarmEvent): void {
      switch (event.type) {
        case 'pass-start':
          snapshot.total = event.total - event.skipped;
          snapshot.alreadyDone = event.skipped;
          snapshot.limiterKey = event.limiterKey;
          snapshot.commands = event.model === 'command';
          if (event.priced) snapshot.cost ??= 0;
          break;
        case 'rate-limit':
          snapshot.rateLimits++;
          break;
        case 'dispatch-start':
          if (!onWorkers) snapshot.inFlight++;
          if (retrying.delete(event.rowIds.join('\0'))) snapshot.retryWaiting = retrying.size;
          break;
        case 'dispatch-end':
          // Calls refused for the rate limit count against no limit, and cached answers made no call:
          // neither bounds the ETA.
          if (event.errorClass !== 'rate-limit' && event.cached !== true) {
            calls++;
            if (event.attempt > 1) snapshot.retries++;
          }
          // A cached answer was never sent, so never counted in flight.
          if (event.cached !== true && !onWorkers) snapshot.inFlight = Math.max(0, snapshot.inFlight - 1);
          snapshot.inputTokens += event.usage.inputTokens;
          snapshot.outputTokens += event.usage.outputTokens;
          if (event.cost !== undefined) snapshot.cost = (snapshot.cost ?? 0) + event.cost;
          break;
        case 'workers-sample':
          onWorkers = true;
          snapshot.inFlight = event.inFlight;
          break;
        case 'retry-wait':
          retrying.add(event.rowIds.join('\0'));
          snapshot.retryWaiting = retrying.size;
          break;
        case 'row-end':
          if (event.status === 'done') snapshot.done++;
          else snapshot.failed++;
          break;
      }
    },
    /** The limiter of the pass's provider key, once the pass has started. */
    limiterKey(): string | undefined {
      return snapshot.limiterKey;
    },
    /** The counts now; `limits` (the provider's, when known) bound the ETA. */
    snapshot(limits: RateLimits = {}): ProgressSnapshot {
      const elapsed = (now() - startedAt) / 1000;
      snapshot.elapsedSeconds = elapsed;
      const finished = snapshot.done + snapshot.failed;
      history.push([elapsed, finished]);
      while (history.length > 2 && history[1]![0] <= elapsed - rateWindowSeconds) history.shift();
      const [sinceSeconds, sinceFinished] = history[0]!;
      snapshot.rowsPerSecond = elapsed > sinceSeconds ? (finished - sinceFinished) / (elapsed - sinceSeconds) : 0;
      const left = Math.max(0, snapshot.total - finished);
      const atRate = snapshot.rowsPerSecond > 0 ? left / snapshot.rowsPerSecond : undefined;
      const atLimits = finished > 0 ? secondsUnderLimits(limits, { rows: left, perRow: { calls: calls / finished, input: snapshot.inputTokens / finished, output: snapshot.outputTokens / finished } }) : 0;
      snapshot.etaSeconds = atRate === undefined ? undefined : Math.max(atRate, atLimits);
      return { ...snapshot };
    },
  };
}

/** The least time the provider's per-minute limits allow for `rows` more rows using `perRow` each. */
function secondsUnderLimits(limits: RateLimits, { rows, perRow }: { rows: number; perRow: { calls: number; input: number; output: number } }): number {
  const minutes = [
    [limits.requestsPerMinute, perRow.calls],
    [limits.inputTokensPerMinute, perRow.input],
    [limits.outputTokensPerMinute, perRow.output],
    [limits.tokensPerMinute, perRow.input + perRow.output],
  ].map(([limit, use]) => (limit === undefined || limit <= 0 ? 0 : (rows * use!) / limit));
  return 60 * Math.max(0, ...minutes);
}

/** A progress tracker. */
export type ProgressTracker = ReturnType<typeof createProgressTracker>;
