import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ColumnSource } from 'hyparquet-writer';
import type { Row } from '../table/read-rows.ts';
import type { AtomicFile } from './atomic-file.ts';
import { widenParquetType, type ParquetColumnType } from './parquet-column-type.ts';

/** A row group ends at whichever comes first: memory is bounded by one group, not the table. */
const rowGroupRows = 10_000;
const rowGroupBytes = 64 * 1024 * 1024;
const rowsBetweenYields = 1_000;

type Conflict = { column: number; value: unknown };

/**
 * Writes rows to `file` as Parquet, one nullable column per `header` entry, and returns the
 * number of rows. Parquet fixes column types before the first row group, so `readRows` is read
 * twice: once to infer each column's type from every value, once to write row groups of at most
 * 10,000 rows (or about 64 MB), each flushed to disk before the next is read.
 */
export async function writeParquet(file: AtomicFile, readRows: () => Iterable<Row>, header: string[]): Promise<number> {
  const types = await inferColumnTypes(readRows(), header);
  for (;;) {
    const outcome = await writeRowGroups(file, readRows(), header, types);
    if ('rows' in outcome) return outcome.rows;
    // A pass wrote a value of another type between the two reads: widen that column and start
    // again. Types only ever widen, so this ends.
    types[outcome.column] = widenParquetType(types[outcome.column], outcome.value);
    await file.restart();
  }
}

async function inferColumnTypes(rows: Iterable<Row>, header: string[]): Promise<(ParquetColumnType | undefined)[]> {
  const types: (ParquetColumnType | undefined)[] = header.map(() => undefined);
  let count = 0;
  for (const row of rows) {
    for (let index = 0; index < header.length; index++) types[index] = widenParquetType(types[index], row[header[index]!]);
    // Let calls in flight (a pass exporting as it runs) make progress during a long scan.
    if (++count % rowsBetweenYields === 0) await yieldToEventLoop();
  }
  return types;
}

async function writeRowGroups(
  file: AtomicFile,
  rows: Iterable<Row>,
  header: string[],
  inferred: (ParquetColumnType | undefined)[],
): Promise<{ rows: number } | Conflict> {
  // A column holding only nulls is written as strings.
  const types = inferred.map((type) => type ?? 'STRING');
  // Loaded here, not with Swarm: only a Parquet export needs its ~50 modules.
  const { ByteWriter, ParquetWriter, schemaFromColumnData } = await import('hyparquet-writer');
  const writer = Object.assign(new ByteWriter(), {
    // Called after each row group and at the end: move the encoded bytes to disk and reuse the buffer.
    async flush() {
      await file.write(writer.getBytes().slice());
      writer.index = 0;
    },
    finish: () => writer.flush(),
  });
  const schema = schemaFromColumnData({
    columnData: header.map((name, index) => ({ name, data: [], type: types[index], nullable: true })),
  });
  const parquet = new ParquetWriter({ writer, schema });
  let columns: unknown[][] = header.map(() => []);
  let groupRows = 0;
  let groupBytes = 0;
  let total = 0;
  const writeGroup = async () => {
    const columnData = header.map((name, index): ColumnSource => ({ name, data: columns[index] as ColumnSource['data'] }));
    await parquet.write({ columnData, rowGroupSize: groupRows });
    columns = header.map(() => []);
    groupRows = 0;
    groupBytes = 0;
  };
  for (const row of rows) {
    for (let index = 0; index < header.length; index++) {
      const value = row[header[index]!] ?? null;
      const type = types[index]!;
      if (widenParquetType(type, value) !== type) return { column: index, value };
      columns[index]!.push(type === 'INT64' && value !== null ? BigInt(value as number) : value);
      groupBytes += approximateBytes(value);
    }
    groupRows++;
    total++;
    if (groupRows >= rowGroupRows || groupBytes >= rowGroupBytes) await writeGroup();
  }
  if (groupRows > 0) await writeGroup();
  await parquet.finish();
  return { rows: total };
}

function approximateBytes(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value !== null && typeof value === 'object') return JSON.stringify(value).length;
  return 8;
}
