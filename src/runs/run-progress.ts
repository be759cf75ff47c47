import type { RunEvent } from './run-event.ts';

/** How far a run has got: rows (or prompts, or a plan's tasks) settled out of those it has to do. */
export interface RunProgress {
  /** The table and pass being run, once the pass has started. */
  tableId?: string;
  passId?: string;
  /** The plan run, once a plan has started: then the counts are of its tasks, not of its passes' rows. */
  planId?: string;
  /** Rows (tasks) to do in this run (those an earlier run completed are not counted). */
  total: number;
  done: number;
  /** Rows that failed; for a plan, tasks that failed or were skipped. */
  failed: number;
}

/** Folds a run's events into its progress. */
export function trackProgress(progress: RunProgress, event: RunEvent): void {
  switch (event.type) {
    case 'plan-start':
      progress.planId = event.planId;
      progress.total += event.tasks - event.completed;
      return;
    case 'task-end':
      if (event.status === 'completed') progress.done++;
      else progress.failed++;
      return;
    case 'pass-start':
      // A plan's tasks run as passes of their own: the plan counts tasks.
      if (progress.planId !== undefined) return;
      progress.tableId = event.tableId;
      progress.passId = event.passId;
      progress.total += event.total - event.skipped;
      return;
    case 'row-end':
      if (progress.planId !== undefined) return;
      if (event.status === 'done') progress.done++;
      else progress.failed++;
      return;
  }
}

/** What the progress counts: `tasks` of a plan, else `rows`. */
export function progressUnit(progress: RunProgress): 'tasks' | 'rows' {
  return progress.planId === undefined ? 'rows' : 'tasks';
}
