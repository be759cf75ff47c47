import { stringify } from 'csv-stringify/sync';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { Store } from '../store/store.ts';
import { iterateRows, type ReadRowsOptions } from '../table/read-rows.ts';
import { tableInfo } from '../table/table-info.ts';
import { exportFormats, type ExportFormat } from './export-format.ts';

/** Options of `exportTable`. */
export type ExportTableOptions = { format: ExportFormat; out: string } & Pick<ReadRowsOptions, 'filter' | 'columns'>;

/**
 * Streams a table to a file, row by row, so any table size exports in flat memory. The file is
 * written beside its destination and renamed into place, so a reader never sees half of it.
 */
export async function exportTable(
  store: Store,
  tableId: string,
  { format, out, filter, columns }: ExportTableOptions,
): Promise<{ rows: number; file: string }> {
  if (!(exportFormats as readonly string[]).includes(format)) {
    throw new InvalidInputError(`unknown export format ${JSON.stringify(format)}; use one of ${exportFormats.join(', ')}`);
  }
  const header = columns === undefined ? tableInfo(store, tableId).columns : ['id', ...columns.filter((column) => column !== 'id')];
  const rows = iterateRows(store, tableId, { filter, columns });
  const temporary = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial`);
  const stream = createWriteStream(temporary);
  let count = 0;
  try {
    const write = async (text: string) => {
      if (!stream.write(text)) await once(stream, 'drain');
    };
    if (format === 'csv') await write(stringify([header]));
    if (format === 'json') await write('[');
    for (const row of rows) {
      if (format === 'jsonl') await write(`${JSON.stringify(row)}\n`);
      else if (format === 'json') await write(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
      else await write(stringify([header.map((column) => csvCell(row[column]))]));
      count++;
    }
    if (format === 'json') await write(count === 0 ? ']\n' : '\n]\n');
    stream.end();
    await once(stream, 'finish');
    await rename(temporary, out);
    return { rows: count, file: out };
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
