import type { RunEvent } from './run-event.ts';

/** How far a run has got: rows (or prompts) settled out of those it has to do. */
export interface RunProgress {
  /** The table and pass being run, once the pass has started. */
  tableId?: string;
  passId?: string;
  /** Rows to do in this run (matched rows an earlier run answered are not counted). */
  total: number;
  done: number;
  failed: number;
}

/** Folds a run's events into its progress. */
export function trackProgress(progress: RunProgress, event: RunEvent): void {
  switch (event.type) {
    case 'pass-start':
      progress.tableId = event.tableId;
      progress.passId = event.passId;
      progress.total += event.total - event.skipped;
      return;
    case 'row-end':
      if (event.status === 'done') progress.done++;
      else progress.failed++;
      return;
  }
}
