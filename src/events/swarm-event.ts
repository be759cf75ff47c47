import type { PlanTaskKind } from '../plan/plan.ts';

/** Token counts of one or more calls. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Every event the engine emits, one typed union; names are noun-verb with start/end. */
export type SwarmEvent =
  | {
      type: 'pass-start';
      passId: string;
      tableId: string;
      /** The model spec, or `command` for a command pass. */
      model: string;
      /** Rows the filter matched. */
      total: number;
      /** Rows answered by an earlier run of this pass. */
      skipped: number;
      /** The concurrency cap (`auto` adapts below it). */
      concurrency: number;
      /** Identifies the limiter of this pass's provider key and model; none for a command pass. */
      limiterKey?: string;
      resumed: boolean;
      /** The model has a price: costs are counted from the first call. */
      priced: boolean;
    }
  | { type: 'dispatch-start'; passId: string; rowIds: string[]; attempt: number }
  | {
      type: 'dispatch-end';
      passId: string;
      rowIds: string[];
      attempt: number;
      status: 'ok' | 'invalid' | 'error';
      usage: TokenUsage;
      cost: number | undefined;
      latencyMs: number;
      errorClass?: string;
      /** Answered from the response cache: no call was made. */
      cached?: boolean;
    }
  | {
      type: 'row-end';
      passId: string;
      rowId: string;
      status: 'done' | 'failed';
      /** A done row's answer: the columns the pass wrote. */
      output?: Record<string, unknown>;
      error?: string;
      errorClass?: string;
    }
  | { type: 'retry-wait'; passId: string; rowIds: string[]; errorClass: string; delayMs: number; attempt: number }
  /** An agent loop's tool call ended (its input and output are in the row's transcript). */
  | { type: 'tool-call-end'; passId: string; rowIds: string[]; toolName: string; status: 'ok' | 'error'; latencyMs: number }
  | {
      type: 'rate-limit';
      passId: string;
      /** The provider key and model held back (never the key itself). */
      limiterKey: string;
      /** Every call for this key waits until then (epoch ms). */
      parkedUntil: number;
      /** Whether the wait came from the provider (retry-after, reset headers) or from Swarm's backoff. */
      waitSource: 'provider' | 'backoff';
    }
  /**
   * Every second while a pass runs on a backend's workers: how many are connected, and the calls of
   * the pass they have sent and not yet had answered (what "in flight" counts in this process).
   */
  | { type: 'workers-sample'; passId: string; workers: number; inFlight: number }
  /** Something the user should know about a pass, said once (e.g. its schema cannot be enforced by the provider). */
  | { type: 'warning'; passId: string; message: string }
  /** A plan run starts (or a re-run resumes it): `completed` of its `tasks` were completed by an earlier run. */
  | { type: 'plan-start'; planId: string; name?: string; tableId: string; tasks: number; completed: number; resumed: boolean }
  /** A task joined the plan run (every task, as the run starts; a task adaptive planning added, `addedAfter` the task that completed). */
  | { type: 'task-created'; planId: string; taskId: string; kind: PlanTaskKind; dependsOn: string[]; addedAfter?: string }
  /** Adaptive planning after task `after` completed: the tasks it added, or the `problems` of a proposal that added none. */
  | { type: 'plan-adapt'; planId: string; after: string; added: string[]; problems?: string[] }
  /** A task started; `run` counts its runs (a retry is run 2). */
  | { type: 'task-start'; planId: string; taskId: string; kind: PlanTaskKind; run: number }
  /** A task ended: completed, failed (`error`), or skipped (`error` says why) without running. */
  | { type: 'task-end'; planId: string; taskId: string; status: 'completed' | 'failed' | 'skipped'; error?: string; durationMs?: number }
  /** A plan run ended; `pending` tasks were left because it stopped (`stopped`). */
  /** A critic scored a task's result (under its threshold, `pass` false: the task runs once more with the critique). */
  | { type: 'critic-end'; planId: string; taskId: string; score: number; critique: string; pass: boolean }
  | { type: 'plan-end'; planId: string; completed: number; failed: number; skipped: number; pending: number; stopped?: { reason: string; message: string } }
  | {
      type: 'pass-end';
      passId: string;
      completed: number;
      failed: number;
      skipped: number;
      pending: number;
      stopped?: { reason: string; message: string };
    };

/** The `type` names of all events. */
export type SwarmEventType = SwarmEvent['type'];
