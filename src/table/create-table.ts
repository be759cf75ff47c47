import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DuplicateIdError } from '../errors/duplicate-id-error.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { Store } from '../store/store.ts';
import { readSource } from './sources/read-source.ts';
import type { SourceRecord } from './sources/source-record.ts';
import type { TableSource } from './sources/table-source.ts';
import type { TableHandle } from './table-handle.ts';
import { tableInfo } from './table-info.ts';

/** Options of `createTable`. */
export interface CreateTableOptions {
  /** The table's id; generated from the source when omitted. */
  id?: string;
  /** When a table with this key exists, it is returned instead of creating another (one-shot CLI runs). */
  sourceKey?: string;
  /** Folder that relative paths in the source are resolved against. */
  cwd?: string;
  /** Largest file a file row may point at. */
  maxFileBytes?: number;
  /** Stops reading the source: the rows written so far are removed, and the promise rejects with the signal's reason. */
  abortSignal?: AbortSignal;
}

const rowsPerTransaction = 5000;
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Reads a source into a new table. Rows are written in chunks under a `creating` status that
 * readers never see; any error (bad record, duplicate ids) or an abort deletes them, so nothing
 * half-written is left behind.
 */
export async function createTable(
  store: Store,
  source: TableSource,
  { id, sourceKey, cwd = process.cwd(), maxFileBytes, abortSignal }: CreateTableOptions = {},
): Promise<TableHandle> {
  abortSignal?.throwIfAborted();
  if (sourceKey !== undefined) {
    const existing = store.tables.findBySource(sourceKey);
    if (existing !== undefined) return handleOf(store, existing);
    store.tables.discardUnfinished(sourceKey);
  }
  const tableId = id ?? generateId(store, source);
  if (!idPattern.test(tableId)) {
    throw new InvalidInputError(`table id ${JSON.stringify(tableId)} must be 1-64 letters, digits, ".", "_" or "-"`);
  }
  if (store.tables.exists(tableId)) {
    throw new InvalidInputError(`a table with id ${JSON.stringify(tableId)} already exists`);
  }

  const records = readSource(source, { cwd, maxFileBytes });
  store.tables.begin({ id: tableId, source: describeSource(source, cwd), sourceKey, createdAt: Date.now() });
  try {
    const { count, columns } = await insertRows(store, tableId, records, {
      file: 'file' in source && typeof source.file === 'string' ? source.file : undefined,
      abortSignal,
    });
    store.tables.finish(tableId, { columns, rowCount: count });
    return { id: tableId, count, columns };
  } catch (error) {
    store.tables.remove(tableId);
    throw error;
  }
}

async function insertRows(
  store: Store,
  tableId: string,
  records: AsyncIterable<SourceRecord>,
  { file, abortSignal }: { file: string | undefined; abortSignal: AbortSignal | undefined },
) {
  const columns = new Set<string>(['id']);
  const duplicates = new Set<string>();
  let count = 0;
  let chunk: { id: string; data: string }[] = [];
  const flush = () => {
    const { added, duplicates: found } = store.tables.addRows(tableId, chunk);
    count += added;
    for (const id of found) duplicates.add(id);
    chunk = [];
  };
  for await (const record of records) {
    abortSignal?.throwIfAborted();
    for (const key in record.data) columns.add(key);
    chunk.push({ id: record.id, data: JSON.stringify(record.data) });
    if (chunk.length >= rowsPerTransaction) flush();
  }
  flush();
  if (duplicates.size > 0) throw new DuplicateIdError([...duplicates], { file });
  return { count, columns: [...columns] };
}

function handleOf(store: Store, tableId: string): TableHandle {
  const { id, count, columns } = tableInfo(store, tableId);
  return { id, count, columns };
}

function describeSource(source: TableSource, cwd: string): Record<string, unknown> {
  if ('tasks' in source) return { kind: 'tasks', root: cwd };
  if ('file' in source) return { kind: 'file', file: path.resolve(cwd, source.file), root: cwd };
  if ('glob' in source) return { kind: 'glob', glob: source.glob, root: cwd };
  return { kind: 'filePaths', root: cwd };
}

function generateId(store: Store, source: TableSource): string {
  const base =
    'file' in source && typeof source.file === 'string'
      ? path.basename(source.file).replace(/\.[^.]*$/, '')
      : 'tasks' in source
        ? 'tasks'
        : 'files';
  const slug = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 40) || 'table';
  for (;;) {
    const candidate = `${slug}-${randomBytes(2).toString('hex')}`;
    if (!store.tables.exists(candidate)) return candidate;
  }
}
