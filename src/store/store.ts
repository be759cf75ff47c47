import type { AgentLoopOperations } from './operations/agent-loops.ts';
import type { AttemptOperations } from './operations/attempts.ts';
import type { BatchOperations } from './operations/batches.ts';
import type { CacheOperations } from './operations/cache.ts';
import type { EventOperations } from './operations/events.ts';
import type { FindingOperations } from './operations/findings.ts';
import type { KeyOperations } from './operations/keys.ts';
import type { LeaseOperations } from './operations/leases.ts';
import type { PassOperations } from './operations/passes.ts';
import type { PlanRunOperations } from './operations/plan-runs.ts';
import type { ResultOperations } from './operations/results.ts';
import type { RowOperations } from './operations/rows.ts';
import type { RunOperations } from './operations/runs.ts';
import type { SpendOperations } from './operations/spend.ts';
import type { TableOperations } from './operations/tables.ts';

/**
 * An open Swarm store: named operations grouped by what they keep, and nothing else (no
 * connection, no SQL). Another backend is another implementation of this interface.
 */
export interface Store {
  /** The folder holding the store. */
  readonly dir: string;
  readonly tables: TableOperations;
  readonly rows: RowOperations;
  readonly passes: PassOperations;
  /** The leases of passes; the runs this store holds are its own (one store per Swarm). */
  readonly leases: LeaseOperations;
  /** The leases of plan runs: one run of a plan at a time, whatever its tasks are doing. */
  readonly planLeases: LeaseOperations;
  readonly results: ResultOperations;
  readonly attempts: AttemptOperations;
  readonly events: EventOperations;
  readonly spend: SpendOperations;
  readonly cache: CacheOperations;
  readonly keys: KeyOperations;
  readonly batches: BatchOperations;
  /** The steps of agent loops (passes run with a subagent type). */
  readonly agentLoops: AgentLoopOperations;
  /** Plan runs and the states of their tasks. */
  readonly planRuns: PlanRunOperations;
  /** Plan memory: findings of plan tasks, searched by full text. */
  readonly findings: FindingOperations;
  /** Runs of daemons and MCP servers (passes, prompt fan-outs), taken over when their process dies. */
  readonly runs: RunOperations;
  /** Runs `work` in one transaction, under the store's write lock (nested calls join the outer one). */
  transaction<T>(work: () => T): T;
  close(): void;
}
