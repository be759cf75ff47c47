import type { LimiterSnapshot } from '../../../src/limit/key-limiter.ts';
import type { RunEvent } from '../../../src/runs/run-event.ts';

/** A run as its event stream tells it, folded as events come (the page's own copy of the run's progress). */
export interface LiveRun {
  status: string;
  /** Rows to do in this run, and settled so far. */
  total: number;
  done: number;
  failed: number;
  calls: number;
  /** Calls the provider refused for its rate limit (429). */
  rateLimited: number;
  /** Times the key was parked (held until a deadline), and the latest deadline. */
  parks: number;
  parkedUntil?: number;
  inputTokens: number;
  outputTokens: number;
  cost?: number;
  /** The run's limiter as last sampled. */
  limiter?: { key: string } & LimiterSnapshot;
  /** Per second since the stream opened: rows settled, and calls in flight at its end. */
  seconds: { rows: number[]; inFlight: number[] };
  openedAt: number;
  error?: string;
}

/** A run before its first event. */
export function newLiveRun(now: number): LiveRun {
  return { status: 'running', total: 0, done: 0, failed: 0, calls: 0, rateLimited: 0, parks: 0, inputTokens: 0, outputTokens: 0, seconds: { rows: [], inFlight: [] }, openedAt: now };
}

/** Folds one event of the run's stream into `run`; true for its last event (`run-end`). */
export function foldRunEvent(run: LiveRun, event: RunEvent, now: number): boolean {
  const second = Math.max(0, Math.floor((now - run.openedAt) / 1000));
  while (run.seconds.rows.length <= second) {
    run.seconds.rows.push(0);
    run.seconds.inFlight.push(run.limiter?.inFlight ?? 0);
  }
  switch (event.type) {
    case 'pass-start':
      run.total += event.total - event.skipped;
      break;
    case 'row-end':
      if (event.status === 'done') run.done++;
      else run.failed++;
      run.seconds.rows[second]!++;
      break;
    case 'dispatch-end':
      if (event.cached !== true) run.calls++;
      if (event.errorClass === 'rate-limit') run.rateLimited++;
      run.inputTokens += event.usage.inputTokens;
      run.outputTokens += event.usage.outputTokens;
      if (event.cost !== undefined) run.cost = (run.cost ?? 0) + event.cost;
      break;
    case 'rate-limit':
      run.parks++;
      run.parkedUntil = event.parkedUntil;
      break;
    case 'limiter-sample':
      run.limiter = { key: event.limiterKey, ...event.limiter };
      run.seconds.inFlight[second] = event.limiter.inFlight;
      break;
    case 'prompt-end':
      if (event.ok) run.done++;
      else run.failed++;
      run.seconds.rows[second]!++;
      break;
    case 'run-end':
      run.status = event.status;
      if (event.error !== undefined) run.error = `${event.error.name}: ${event.error.message}`;
      return true;
  }
  return false;
}

/** Rows per second over the last `window` seconds, and when the rest would be done at that rate. */
export function pace(run: LiveRun, window = 10): { rowsPerSecond: number; etaMs?: number } {
  const recent = run.seconds.rows.slice(-window - 1, -1);
  const rowsPerSecond = recent.length === 0 ? 0 : recent.reduce((sum, rows) => sum + rows, 0) / recent.length;
  const left = run.total - run.done - run.failed;
  return { rowsPerSecond, ...(rowsPerSecond > 0 && left > 0 ? { etaMs: (left / rowsPerSecond) * 1000 } : {}) };
}
