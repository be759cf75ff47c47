import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { Store } from '../store/store.ts';
import type { PreparedPass } from './prepared-pass.ts';

/** A row waiting for an answer in this pass. */
export interface PendingRow {
  id: string;
  data: Record<string, unknown>;
}

const pageSize = 1000;
const minBatch = 1;
const maxBatch = 50;
const autoDispatches = 10;

/**
 * Yields the pass's unanswered rows grouped into dispatches, reading the store page by page so
 * memory stays flat. Rows answered by an earlier run of the same pass are left out (resume).
 */
export function* planDispatches(
  store: Store,
  { table, passId, filter, batchSize, matched }: Pick<PreparedPass, 'table' | 'passId' | 'filter' | 'batchSize' | 'matched'>,
): Generator<PendingRow[]> {
  const sizeOf = batchSizeResolver(batchSize, matched);
  const buckets = new Map<number, PendingRow[]>();
  let after = -1;
  for (;;) {
    const batch = store.rows.unansweredPage({ tableId: table.id, passId, filter, after, limit: pageSize });
    for (const { id, data } of batch) {
      const row: PendingRow = { id, data };
      const size = sizeOf(row.data);
      let bucket = buckets.get(size);
      if (bucket === undefined) buckets.set(size, (bucket = []));
      bucket.push(row);
      if (bucket.length >= size) {
        buckets.delete(size);
        yield bucket;
      }
    }
    if (batch.length < pageSize) break;
    after = batch[batch.length - 1]!.seq;
  }
  for (const bucket of buckets.values()) yield bucket;
}

/** Turns the `batchSize` option into a per-row size, clamped to [1, 50]. */
export function batchSizeResolver(batchSize: PreparedPass['batchSize'], rowCount: number): (row: Record<string, unknown>) => number {
  if (batchSize === 'auto') {
    const size = clamp(Math.ceil(rowCount / autoDispatches));
    return () => size;
  }
  if (typeof batchSize === 'number') {
    const size = clamp(checked(batchSize, 'batchSize'));
    return () => size;
  }
  if (typeof batchSize === 'function') return (row) => clamp(checked(batchSize(row, rowCount), 'batchSize function result'));
  throw new InvalidInputError(`batchSize must be "auto", a number or a function; got ${JSON.stringify(batchSize)}`);
}

function checked(value: unknown, what: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) throw new InvalidInputError(`${what} must be a number; got ${JSON.stringify(value)}`);
  return value;
}

function clamp(size: number): number {
  return Math.min(maxBatch, Math.max(minBatch, Math.round(size)));
}
