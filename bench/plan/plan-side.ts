import type { DagTask } from './synthetic-dag.ts';

/** What the parent hands each side of the plan benchmark. */
export interface PlanSideArguments {
  tasks: DagTask[];
  /** Tasks in flight at most, on every side. */
  maxWorkers: number;
  /** A folder of the side's own (Swarm's store). */
  sideDir: string;
  /** Swarm only: run the tasks as function tasks doing nothing, instead of commands (the engine's own cost per task). */
  functions?: boolean;
  /** The polling loop only: how long it sleeps between looks at the ready set. */
  pollMs?: number;
}

/** What a side measured: from its first task's start to its last task's end, and that every task ran. */
export interface PlanSideReport {
  makespanMs: number;
  completed: number;
}
