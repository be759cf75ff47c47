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
  const table = store.tables.find(tableId);
  if (table === undefined) {
    const known = store.tables.recentIds(5);
    throw new NotFoundError('table', tableId, known.length > 0 ? `Recent tables: ${known.join(', ')} (see \`swarm tables\`)` : 'The store has no tables yet; create one first');
  }
  const columns = store.tables.columns(tableId);
  return {
    id: table.id,
    count: table.rowCount,
    columns: columns.map((column) => column.name),
    source: table.source,
    createdAt: table.createdAt,
    writers: new Map(columns.map((column) => [column.name, column.writtenBy])),
  };
}
