import type { Store } from './store.ts';

/** A row a pass could not answer, as the store keeps it. */
export interface StoredFailure {
  passId: string;
  rowId: string;
  errorClass: string;
  error: string;
  /** What the model said, when its answer was rejected. */
  rawOutput: string | undefined;
  /** When the row last failed (epoch ms). */
  failedAt: number;
}

/**
 * The failed rows of a table's passes (or of one pass), oldest pass first, then in table order.
 * A row answered by a later run is no longer failed.
 */
export function listFailures(store: Store, { tableId, passId, limit = -1 }: { tableId: string; passId?: string; limit?: number }): StoredFailure[] {
  const failures = store
    .statement(
      `SELECT r.pass_id, r.row_id, r.error_class, r.error, r.raw_output, r.updated_at
         FROM results r JOIN passes p ON p.id = r.pass_id JOIN rows w ON w.table_id = p.table_id AND w.id = r.row_id
        WHERE p.table_id = ?1 AND (?2 IS NULL OR r.pass_id = ?2) AND r.status = 'failed'
        ORDER BY p.created_at, p.id, w.seq LIMIT ?3`,
    )
    .all(tableId, passId ?? null, limit) as { pass_id: string; row_id: string; error_class: string | null; error: string | null; raw_output: string | null; updated_at: number }[];
  return failures.map((failure) => ({
    passId: failure.pass_id,
    rowId: failure.row_id,
    errorClass: failure.error_class ?? 'error',
    error: failure.error ?? '',
    rawOutput: failure.raw_output ?? undefined,
    failedAt: failure.updated_at,
  }));
}
