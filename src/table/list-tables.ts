import type { Store } from '../store/store.ts';
import type { TableHandle } from './table-handle.ts';

/** A table in the store's listing. */
export interface TableSummary extends TableHandle {
  createdAt: number;
  passes: number;
}

/** Every finished table in the store, newest first. */
export function listTables(store: Store): TableSummary[] {
  return store.tables.list().map((table) => ({
    id: table.id,
    count: table.rowCount,
    columns: table.columns,
    createdAt: table.createdAt,
    passes: table.passes,
  }));
}
