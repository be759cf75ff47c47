import type { RunStatus } from '../store/operations/runs.ts';
import type { SequencedEvent } from './run-event.ts';
import type { RunView } from './run-view.ts';

/** Runs of passes, fan-outs and plans on one store, shared by the HTTP API and the MCP server. */
export interface RunManager {
  /**
   * Starts a run of `kind`. Resolves once it has started (its first event), so that a request
   * refused before any work (a bad schema, an unknown model or table) rejects with that error and
   * leaves no run behind.
   */
  start(kind: string, request: unknown): Promise<RunView>;
  /** A run of this store, running here or not; NotFoundError when there is none. */
  get(id: string): RunView;
  /** Runs, newest first, without their results; `before` continues a listing after that run's id. */
  list(options?: { limit?: number; before?: string }): { runs: RunView[]; next?: string };
  /** Cancels a run: its work stops (a pass leaves its unanswered rows pending) and it ends `cancelled`. */
  cancel(id: string): RunView;
  /** The run's events after `afterId`, then as they come, until it ends or `signal` aborts. */
  events(id: string, options: { afterId?: number; signal: AbortSignal }): AsyncGenerator<SequencedEvent>;
  /** Resolves with the run once it has ended (or once this process stops running it). */
  settled(id: string, signal?: AbortSignal): Promise<RunView>;
  /** The runs under way in this process. */
  active(): RunView[];
  /** Takes over the runs a process that died left running, and resumes them; returns them. */
  resumeAbandoned(): RunView[];
  /**
   * Refuses new runs and aborts those under way, leaving them `running` in the store so that the
   * next process resumes them; resolves once they have let go, or after `timeoutMs`.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/** The statuses a run ends with. */
export type EndStatus = Exclude<RunStatus, 'running'>;
