import type { Store } from './store.ts';

/** What dropping a table removed. */
export interface DroppedTable {
  tableId: string;
  rows: number;
  passes: number;
  results: number;
  attempts: number;
}

/**
 * Deletes a table with everything that belongs to it alone: its rows and columns, its passes with
 * their results, attempts, provider batches and events. The response cache is shared by every
 * table and kept. What its calls spent is kept per day, model and pass, so the daily cap and
 * `swarm spend` still count it. Returns undefined when there is no such table.
 */
export function dropTable(store: Store, tableId: string): DroppedTable | undefined {
  return store.transaction(() => {
    const table = store.statement('SELECT row_count FROM tables WHERE id = ?').get(tableId) as { row_count: number } | undefined;
    if (table === undefined) return undefined;
    const counts = store
      .statement(
        `SELECT count(*) AS passes,
                coalesce(sum((SELECT count(*) FROM results r WHERE r.pass_id = p.id)), 0) AS results,
                coalesce(sum((SELECT count(*) FROM attempts a WHERE a.pass_id = p.id)), 0) AS attempts
           FROM passes p WHERE p.table_id = ?`,
      )
      .get(tableId) as { passes: number; results: number; attempts: number };
    store
      .statement(
        `INSERT INTO dropped_spend (day_start, table_id, pass_id, model, calls, input_tokens, output_tokens, cost)
         SELECT a.started_at - a.started_at % 86400000, p.table_id, p.id, p.model, count(*),
                coalesce(sum(a.input_tokens), 0), coalesce(sum(a.output_tokens), 0), sum(a.cost)
           FROM attempts a JOIN passes p ON p.id = a.pass_id WHERE p.table_id = ? GROUP BY 1, 3`,
      )
      .run(tableId);
    store.statement('DELETE FROM events WHERE pass_id IN (SELECT id FROM passes WHERE table_id = ?)').run(tableId);
    // Columns, rows and passes go with the table, and results, attempts and batches with the passes (ON DELETE CASCADE).
    store.statement('DELETE FROM tables WHERE id = ?').run(tableId);
    return { tableId, rows: table.row_count, ...counts };
  });
}
