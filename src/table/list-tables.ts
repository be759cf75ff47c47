import type { Store } from '../store/store.ts';
import type { TableHandle } from './table-handle.ts';

/** A table in the store's listing. */
export interface TableSummary extends TableHandle {
  createdAt: number;
  passes: number;
}

/** Every finished table in the store, newest first. */
export function listTables(store: Store): TableSummary[] {
  const tables = store
    .statement(
      `SELECT t.id, t.row_count, t.created_at,
              (SELECT json_group_array(name) FROM (SELECT name FROM columns WHERE table_id = t.id ORDER BY position)) AS columns,
              (SELECT count(*) FROM passes WHERE table_id = t.id) AS passes
         FROM tables t WHERE t.status = 'ready' ORDER BY t.created_at DESC, t.id`,
    )
    .all() as { id: string; row_count: number; created_at: number; columns: string; passes: number }[];
  return tables.map((table) => ({
    id: table.id,
    count: table.row_count,
    columns: JSON.parse(table.columns) as string[],
    createdAt: table.created_at,
    passes: table.passes,
  }));
}
