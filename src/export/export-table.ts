import { stringify } from 'csv-stringify/sync';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { Store } from '../store/store.ts';
import { iterateRows, type ReadRowsOptions, type Row } from '../table/read-rows.ts';
import { tableInfo } from '../table/table-info.ts';
import { openAtomicFile, type AtomicFile } from './atomic-file.ts';
import { exportFormats, type ExportFormat } from './export-format.ts';
import { writeParquet } from './write-parquet.ts';

/**
 * Options of `exportTable`. `out` is a file path, or a stream to write to as rows are read
 * (`process.stdout`; text formats only: Parquet needs a file).
 */
export type ExportTableOptions = {
  format: ExportFormat;
  out: string | NodeJS.WritableStream;
  /** Stops the export: a file is not written (its partial copy is removed); a stream gets no more rows. The promise rejects with the signal's reason. */
  abortSignal?: AbortSignal;
} & Pick<ReadRowsOptions, 'filter' | 'columns' | 'answeredBy'>;

/**
 * Streams a table to a file, page by page, so any table size exports in flat memory (Parquet:
 * one row group at a time). The file is written beside its destination and renamed into place,
 * so a reader never sees half of it.
 */
export async function exportTable(
  store: Store,
  tableId: string,
  { format, out, filter, columns, answeredBy, abortSignal }: ExportTableOptions,
): Promise<{ rows: number; file: string }> {
  abortSignal?.throwIfAborted();
  if (!(exportFormats as readonly string[]).includes(format)) {
    throw new InvalidInputError(`unknown export format ${JSON.stringify(format)}; use one of ${exportFormats.join(', ')}`);
  }
  const header = columns === undefined ? tableInfo(store, tableId).columns : ['id', ...columns.filter((column) => column !== 'id')];
  const readRows = () => untilAborted(iterateRows(store, tableId, { filter, columns, answeredBy }), abortSignal);
  if (typeof out !== 'string') {
    if (format === 'parquet') throw new InvalidInputError('Parquet is written to a file, not a stream: give a file name');
    return { rows: await writeText(streamSink(out), readRows(), header, format), file: '-' };
  }
  const file = await openAtomicFile(out);
  try {
    const rows = format === 'parquet' ? await writeParquet(file, readRows, header) : await writeText(file, readRows(), header, format);
    await file.commit();
    return { rows, file: out };
  } catch (error) {
    await file.discard();
    throw error;
  }
}

/** The rows, checking the signal before each: an abort stops the export wherever it is writing. */
function* untilAborted(rows: Iterable<Row>, abortSignal: AbortSignal | undefined): Generator<Row> {
  for (const row of rows) {
    abortSignal?.throwIfAborted();
    yield row;
  }
}

/** Writes to a stream, waiting when it is full; stops quietly once it is closed (a reader that went away). */
function streamSink(stream: NodeJS.WritableStream): Pick<AtomicFile, 'write'> {
  return {
    async write(chunk) {
      if ((stream as { destroyed?: boolean }).destroyed) return;
      if (stream.write(chunk)) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
      });
    },
  };
}

async function writeText(file: Pick<AtomicFile, 'write'>, rows: Iterable<Row>, header: string[], format: 'jsonl' | 'json' | 'csv'): Promise<number> {
  let count = 0;
  if (format === 'csv') await file.write(stringify([header]));
  if (format === 'json') await file.write('[');
  for (const row of rows) {
    if (format === 'jsonl') await file.write(`${JSON.stringify(row)}\n`);
    else if (format === 'json') await file.write(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
    else await file.write(stringify([header.map((column) => csvCell(row[column]))]));
    count++;
  }
  if (format === 'json') await file.write(count === 0 ? ']\n' : '\n]\n');
  return count;
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
