import type { SwarmEvent } from '../events/swarm-event.ts';
import type { LimiterSnapshot } from '../limit/key-limiter.ts';
import type { PromptResult } from '../parallel/prompt-result.ts';
import type { RunStatus } from '../store/operations/runs.ts';
import type { WireError } from '../wire-error/wire-error.ts';

/** What a run's event stream carries: the engine's events for its own work, and the run's own. */
export type RunEvent =
  | SwarmEvent
  | { type: 'run-start'; runId: string; kind: string }
  /** One prompt of a fan-out ended. */
  | ({ type: 'prompt-end' } & PromptResult)
  /** The state of a limiter the run uses, sampled while it runs (the CLI's progress line shows it). */
  | { type: 'limiter-sample'; limiterKey: string; limiter: LimiterSnapshot }
  | { type: 'run-end'; runId: string; status: Exclude<RunStatus, 'running'>; result?: unknown; error?: WireError };

/** An event with its place in its run's stream (`id` of server-sent events, `Last-Event-ID`). */
export interface SequencedEvent {
  /** 1 for a run's first event, then one more for each. */
  id: number;
  event: RunEvent;
}
