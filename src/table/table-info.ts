import type { Store } from '../store/store.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import type { TableHandle } from './table-handle.ts';

/** A table as stored, with where each column came from. */
export interface TableInfo extends TableHandle {
  source: unknown;
  createdAt: number;
  /** Column name → "source" or the id of the pass that writes it. */
  writers: Map<string, string>;
}

/** Loads a table's description; an unknown id is a NotFoundError listing how to find tables. */
export function tableInfo(store: Store, tableId: string): TableInfo {
  const table = store
    .statement(`SELECT id, source, row_count, created_at FROM tables WHERE id = ? AND status = 'ready'`)
    .get(tableId) as { id: string; source: string; row_count: number; created_at: number } | undefined;
  if (table === undefined) {
    const known = (store.statement(`SELECT id FROM tables WHERE status = 'ready' ORDER BY created_at DESC LIMIT 5`).all() as { id: string }[]).map(
      (row) => row.id,
    );
    throw new NotFoundError('table', tableId, known.length > 0 ? `Recent tables: ${known.join(', ')} (see \`swarm tables\`)` : 'The store has no tables yet; create one first');
  }
  const columns = store
    .statement('SELECT name, written_by FROM columns WHERE table_id = ? ORDER BY position')
    .all(tableId) as { name: string; written_by: string }[];
  return {
    id: table.id,
    count: table.row_count,
    columns: columns.map((column) => column.name),
    source: JSON.parse(table.source),
    createdAt: table.created_at,
    writers: new Map(columns.map((column) => [column.name, column.written_by])),
  };
}
