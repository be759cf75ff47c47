import type { SqliteConnection } from '../sqlite-connection.ts';

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

/** The answers and failures of passes, one per pass and row. */
export interface ResultOperations {
  /**
   * Records a row's answer (`outputJson`) and merges its fields (`columnsJson`, a JSON object;
   * a field set to null is removed) into the row's data.
   */
  saveAnswer(answer: { passId: string; tableId: string; rowId: string; outputJson: string; columnsJson: string; at: number }): void;
  /** Records that a pass could not answer a row (replacing an earlier answer or failure). */
  saveFailure(failure: { passId: string; rowId: string; error: string; errorClass: string; rawOutput: string | undefined; at: number }): void;
  /** Whether the pass's answer to the row is committed. */
  isAnswered(passId: string, rowId: string): boolean;
  /** How many rows the pass answered. */
  countAnswered(passId: string): number;
  /** The first `limit` answers of a pass, by row id. */
  answers(passId: string, limit: number): { rowId: string; output: Record<string, unknown> }[];
  /**
   * The failed rows of a table's passes (or of one pass), oldest pass first, then in table order.
   * A row answered by a later run is no longer failed. `limit` -1: all of them.
   */
  failures(query: { tableId: string; passId?: string; limit?: number }): StoredFailure[];
}

/** The result operations of a store. */
export function resultOperations({ statement }: SqliteConnection): ResultOperations {
  return {
    saveAnswer({ passId, tableId, rowId, outputJson, columnsJson, at }) {
      statement(
        `INSERT INTO results (pass_id, row_id, status, output, updated_at) VALUES (?, ?, 'done', ?, ?)
         ON CONFLICT (pass_id, row_id) DO UPDATE SET status = 'done', output = excluded.output, error = NULL,
           error_class = NULL, raw_output = NULL, updated_at = excluded.updated_at`,
      ).run(passId, rowId, outputJson, at);
      // json_patch drops keys whose patch value is null, so a field the answer left out is cleared too.
      statement('UPDATE rows SET data = json_patch(data, ?) WHERE table_id = ? AND id = ?').run(columnsJson, tableId, rowId);
    },
    saveFailure({ passId, rowId, error, errorClass, rawOutput, at }) {
      statement(
        `INSERT INTO results (pass_id, row_id, status, error, error_class, raw_output, updated_at) VALUES (?, ?, 'failed', ?, ?, ?, ?)
         ON CONFLICT (pass_id, row_id) DO UPDATE SET status = 'failed', output = NULL, error = excluded.error,
           error_class = excluded.error_class, raw_output = excluded.raw_output, updated_at = excluded.updated_at`,
      ).run(passId, rowId, error, errorClass, rawOutput ?? null, at);
    },
    isAnswered(passId, rowId) {
      return statement(`SELECT 1 FROM results WHERE pass_id = ? AND row_id = ? AND status = 'done'`).get(passId, rowId) !== undefined;
    },
    countAnswered(passId) {
      return (statement(`SELECT count(*) AS n FROM results WHERE pass_id = ? AND status = 'done'`).get(passId) as { n: number }).n;
    },
    answers(passId, limit) {
      const answered = statement(`SELECT row_id, output FROM results WHERE pass_id = ? AND status = 'done' ORDER BY row_id LIMIT ?`).all(passId, limit) as {
        row_id: string;
        output: string;
      }[];
      return answered.map((row) => ({ rowId: row.row_id, output: JSON.parse(row.output) as Record<string, unknown> }));
    },
    failures({ tableId, passId, limit = -1 }) {
      const failures = statement(
        `SELECT r.pass_id, r.row_id, r.error_class, r.error, r.raw_output, r.updated_at
           FROM results r JOIN passes p ON p.id = r.pass_id JOIN rows w ON w.table_id = p.table_id AND w.id = r.row_id
          WHERE p.table_id = ?1 AND (?2 IS NULL OR r.pass_id = ?2) AND r.status = 'failed'
          ORDER BY p.created_at, p.id, w.seq LIMIT ?3`,
      ).all(tableId, passId ?? null, limit) as {
        pass_id: string;
        row_id: string;
        error_class: string | null;
        error: string | null;
        raw_output: string | null;
        updated_at: number;
      }[];
      return failures.map((failure) => ({
        passId: failure.pass_id,
        rowId: failure.row_id,
        errorClass: failure.error_class ?? 'error',
        error: failure.error ?? '',
        rawOutput: failure.raw_output ?? undefined,
        failedAt: failure.updated_at,
      }));
    },
  };
}
