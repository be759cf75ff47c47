import type { PlanTask } from '../plan/plan.ts';
import type { TaskOutcome } from './schedule-tasks.ts';

/** What a runner tells the plan run as a task runs: when each run of it starts, and which pass it ran as. */
export interface TaskRun {
  /** A run of the task starts (the first, a retry, a run `afterTask` asked for). */
  start(): void;
  /** The pass the current run is (none for a function task). */
  passId(passId: string): void;
  /** Runs of the task so far, over every run of the plan. */
  count(): number;
}

/** Does a task, given its upstream results by id: for real, or from what an earlier run recorded. */
export type TaskRunner = (task: PlanTask, upstream: Record<string, unknown>, run: TaskRun) => Promise<TaskOutcome>;
