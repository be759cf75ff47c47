import type { StoredAttempt } from '../store/operations/attempts.ts';
import type { Store } from '../store/store.ts';

/** One model call as a pass records it: the store's record, with its status narrowed. */
export interface AttemptRecord extends StoredAttempt {
  rowIds: string[];
  status: 'ok' | 'invalid' | 'error';
  /**
   * Answered from the response cache: no provider call was made. Such an answer is counted on the
   * pass (`passes.cached_calls`, `cached_rows`) rather than kept as an attempt.
   */
  cached?: boolean;
}

/** A row that could not be answered, as recorded in the store and returned by `run()`. */
export interface RowFailure {
  id: string;
  error: string;
  errorClass: string;
  /** What the model said, kept for inspection when its answer was rejected. */
  rawOutput?: string;
}

/** Queues a pass's results and commits them together at the end of the current turn of the event loop. */
export interface ResultWriter {
  done(rowId: string, output: Record<string, unknown>): void;
  failed(failure: RowFailure): void;
  attempt(record: AttemptRecord): void;
  /** Commits everything queued now. */
  flush(): void;
}

type Write = () => void;

// Past this many queued writes, commit at once rather than waiting for the turn to end: a model
// that answers instantly never ends the turn, and the queue must not grow with the table.
const maxQueuedWrites = 1024;

/**
 * Group commit: results that arrive in the same event-loop turn share one transaction (up to
 * `maxQueuedWrites`), so a result is durable within a millisecond of arriving while the store
 * keeps up with 20k rows/s.
 * A result queued but not committed at a crash is exactly like a call still in flight: it is
 * asked again on resume.
 */
export function createResultWriter(
  store: Store,
  { passId, tableId, fields }: { passId: string; tableId: string; fields: string[] },
): ResultWriter {
  const { results, attempts, passes } = store;
  let queue: Write[] = [];
  let cachedCalls = 0;
  let cachedRows = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (queue.length === 0 && cachedCalls === 0) return;
    const writes = queue;
    const calls = cachedCalls;
    const rows = cachedRows;
    queue = [];
    cachedCalls = cachedRows = 0;
    store.transaction(() => {
      for (const write of writes) write();
      if (calls > 0) passes.addCached(passId, { calls, rows });
    });
  };
  const schedule = () => {
    if (queue.length >= maxQueuedWrites) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  const enqueue = (write: Write) => {
    queue.push(write);
    schedule();
  };

  return {
    done(rowId, output) {
      const outputJson = JSON.stringify(output);
      // A field the answer left out is set to null: it is cleared from the row.
      const patch: Record<string, unknown> = {};
      for (const field of fields) patch[field] = output[field] ?? null;
      const now = Date.now();
      enqueue(() => results.saveAnswer({ passId, tableId, rowId, outputJson, columnsJson: JSON.stringify(patch), at: now }));
    },
    failed({ id, error, errorClass, rawOutput }) {
      const now = Date.now();
      enqueue(() => results.saveFailure({ passId, rowId: id, error, errorClass, rawOutput, at: now }));
    },
    attempt(record) {
      // A cached answer cost no call; an attempts row for each would be most of a cached re-run's
      // writes. The count commits with the results it answered.
      if (record.cached) {
        cachedCalls++;
        cachedRows += record.rowIds.length;
        schedule();
        return;
      }
      enqueue(() => attempts.record(passId, record));
    },
    flush,
  };
}
