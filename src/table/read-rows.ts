import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { compileFilter } from '../store/compile-filter.ts';
import type { RowFilter } from '../filter/row-filter.ts';
import type { Store } from '../store/store.ts';
import { checkColumns } from './check-columns.ts';
import { tableInfo } from './table-info.ts';

/** A row as returned by `rows()`: its columns by name (always including `id`). */
export type Row = Record<string, unknown>;

/** Options of `rows()`. */
export interface ReadRowsOptions {
  filter?: RowFilter;
  /** Project to these columns (plus `id`). */
  columns?: string[];
  limit?: number;
  /** Skip this many matching rows first (a page further on). */
  offset?: number;
  /** Only rows this pass has answered (a task's output). */
  answeredBy?: string;
}

const pageSize = 1000;

/** Streams a table's rows in insertion order, filtered in SQL; memory stays flat for any table size. */
export function* iterateRows(store: Store, tableId: string, { filter, columns, limit, offset = 0, answeredBy }: ReadRowsOptions = {}): Generator<Row> {
  const table = tableInfo(store, tableId);
  // A `status` filter without a pass means the table's most recently run pass.
  const compiled = compileFilter(filter, { pass: () => store.passes.latestOf(tableId), passes: () => store.passes.idsOf(tableId) });
  checkColumns(compiled.columns, table.columns, 'filter');
  if (columns !== undefined) checkColumns(columns, table.columns, 'columns');
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new InvalidInputError(`limit must be a whole number ≥ 0, got ${limit}`);
  }
  if (!Number.isInteger(offset) || offset < 0) throw new InvalidInputError(`offset must be a whole number ≥ 0, got ${offset}`);
  let remaining = limit ?? Number.POSITIVE_INFINITY;
  let after = -1;
  let skip = offset;
  if (skip > 0 && answeredBy === undefined) {
    const seq = store.rows.seqAt({ tableId, filter: compiled, offset: skip - 1 });
    if (seq === undefined) return;
    after = seq;
    skip = 0;
  }
  while (remaining > 0) {
    // Rows still to skip are read too (only with answeredBy, which has no seqAt).
    const wanted = Math.min(pageSize, remaining + skip);
    const batch = store.rows.page({ tableId, filter: compiled, answeredBy, after, limit: wanted });
    const kept = batch.slice(Math.min(skip, batch.length));
    for (const { data } of kept) yield columns === undefined ? data : project(data, columns);
    if (batch.length < wanted) return;
    remaining -= kept.length;
    skip -= batch.length - kept.length;
    after = batch[batch.length - 1]!.seq;
  }
}

/** All matching rows as an array (use `iterateRows` for very large tables). */
export function readRows(store: Store, tableId: string, options: ReadRowsOptions = {}): Row[] {
  return [...iterateRows(store, tableId, options)];
}

function project(row: Row, columns: string[]): Row {
  const projected: Row = { id: row.id };
  for (const column of columns) if (column in row) projected[column] = row[column];
  return projected;
}
