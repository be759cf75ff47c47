import type { SwarmContext } from '../context/swarm-context.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { RowFilter } from '../filter/row-filter.ts';
import { compileFilter, endFilterAt, type CompiledFilter } from '../store/compile-filter.ts';
import { checkColumns } from '../table/check-columns.ts';
import type { TableInfo } from '../table/table-info.ts';

/**
 * The rows a pass covers: its filter (a `status` filter without a pass means this pass; its
 * columns must exist) bounded by `limit`, how many rows it matches, and how many of those an
 * earlier run of the pass answered.
 */
export function selectPassRows(
  swarm: SwarmContext,
  { table, passId, fields, filter: rowFilter, limit }: { table: TableInfo; passId: string; fields: readonly string[]; filter: RowFilter | undefined; limit: number | undefined },
): { filter: CompiledFilter; matched: number; skipped: number } {
  const { store } = swarm;
  const filter = compileFilter(rowFilter, { pass: () => passId, passes: () => [...store.passes.idsOf(table.id), passId] });
  checkColumns(filter.columns, [...table.columns, ...fields.filter((field) => !table.columns.includes(field))], 'filter');
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new InvalidInputError(`limit must be a whole number ≥ 1, got ${JSON.stringify(limit)}`);
  }
  if (limit !== undefined) {
    // The pass covers the first `limit` matching rows in table order: bound it by their last seq.
    const last = store.rows.seqAt({ tableId: table.id, filter, offset: limit - 1 });
    if (last !== undefined) endFilterAt(filter, last);
  }
  const matched = store.rows.count({ tableId: table.id, filter });
  const skipped = store.rows.countAnswered({ tableId: table.id, passId, filter });
  return { filter, matched, skipped };
}
