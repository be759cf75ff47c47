import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { exportTable } from '../../src/export/export-table.ts';
import { NotFoundError, type ExportFormat, type ReadRowsOptions } from '../../src/index.ts';
import { labelSchema, tempSwarm } from './support/temp-swarm.ts';

const tasks = [
  { id: 'a', text: 'hello, "world"\nsecond line', n: 1, meta: { k: [1, 2] } },
  { id: 'b', text: 'plain', n: 2.5, flag: true },
  { id: 'c', text: 'ünïcode ✓', n: null },
];

/** A table with source columns and a pass's columns, as a user would export it. */
async function answeredTable() {
  const store = tempSwarm();
  const table = await store.swarm.create({ tasks }, { id: 'inbox' });
  await store.swarm.run(table.id, { instruction: 'Is this spam? {text}', responseSchema: labelSchema, model: 'mock' });
  const rows = await store.swarm.rows(table.id);
  expect(rows.map((row) => Object.keys(row))).toEqual([
    ['id', 'text', 'n', 'meta', 'label', 'score'],
    ['id', 'text', 'n', 'flag', 'label', 'score'],
    ['id', 'text', 'n', 'label', 'score'],
  ]);
  const exportTo = (format: ExportFormat, options: Pick<ReadRowsOptions, 'filter' | 'columns'> = {}) =>
    exportTable(store.swarm.context.store, table.id, { format, out: path.join(store.cwd, `out.${format}`), ...options });
  return { ...store, rows, exportTo };
}

describe('export', () => {
  it('jsonl: one row per line, equal to rows(), and it creates the same table again', async () => {
    const { swarm, cwd, rows, exportTo } = await answeredTable();
    expect(await exportTo('jsonl')).toEqual({ rows: 3, file: path.join(cwd, 'out.jsonl') });
    const text = readFileSync(path.join(cwd, 'out.jsonl'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n').map((line) => JSON.parse(line))).toEqual(rows);

    const copy = await swarm.create({ file: 'out.jsonl' });
    expect(copy).toMatchObject({ count: 3, columns: ['id', 'text', 'n', 'meta', 'label', 'score', 'flag'] });
    expect(await swarm.rows(copy.id)).toEqual(rows);
  });

  it('json: an array equal to rows(), and it creates the same table again', async () => {
    const { swarm, cwd, rows, exportTo } = await answeredTable();
    await exportTo('json');
    expect(JSON.parse(readFileSync(path.join(cwd, 'out.json'), 'utf8'))).toEqual(rows);
    const copy = await swarm.create({ file: 'out.json' });
    expect(await swarm.rows(copy.id)).toEqual(rows);
  });

  it('csv: the table columns as header, values as text, and it reads back as those strings', async () => {
    const { swarm, cwd, rows, exportTo } = await answeredTable();
    await exportTo('csv');
    const records = parse(readFileSync(path.join(cwd, 'out.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const columns = ['id', 'text', 'n', 'meta', 'flag', 'label', 'score'];
    const asText = (value: unknown) => (value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
    const expected = rows.map((row) => Object.fromEntries(columns.map((column) => [column, asText(row[column])])));
    expect(Object.keys(records[0]!)).toEqual(columns);
    expect(records).toEqual(expected);
    expect(records[0]).toMatchObject({ text: 'hello, "world"\nsecond line', n: '1', meta: '{"k":[1,2]}', flag: '' });

    const copy = await swarm.create({ file: 'out.csv' });
    expect(copy).toMatchObject({ count: 3, columns });
    expect(await swarm.rows(copy.id)).toEqual(expected);
  });

  it('parquet: read back by another reader (hyparquet), every value equals rows()', async () => {
    const { cwd, rows, exportTo } = await answeredTable();
    expect(await exportTo('parquet')).toEqual({ rows: 3, file: path.join(cwd, 'out.parquet') });
    const file = await asyncBufferFromFile(path.join(cwd, 'out.parquet'));
    const columns = ['id', 'text', 'n', 'meta', 'flag', 'label', 'score'];
    const schema = (await parquetMetadataAsync(file)).schema.slice(1);
    expect(schema.map(({ name, type, converted_type, repetition_type }) => ({ name, type, converted_type, repetition_type }))).toEqual([
      { name: 'id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'text', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'n', type: 'DOUBLE', converted_type: undefined, repetition_type: 'OPTIONAL' },
      { name: 'meta', type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: 'OPTIONAL' },
      { name: 'flag', type: 'BOOLEAN', converted_type: undefined, repetition_type: 'OPTIONAL' },
      { name: 'label', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'score', type: 'INT32', converted_type: undefined, repetition_type: 'OPTIONAL' },
    ]);
    const expected = rows.map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? null])));
    expect(await parquetReadObjects({ file })).toEqual(expected);
  });

  it('parquet: infers each column from every value, over several row groups', async () => {
    const { swarm, cwd } = tempSwarm();
    const count = 25_001;
    const tasks = Array.from({ length: count }, (_, index) => ({
      id: `r${index}`,
      text: index % 7 === 0 ? null : `row ${index} ✓`,
      small: index - 12_000,
      // INT32 until the last row, which needs 64 bits.
      big: index === count - 1 ? 2 ** 40 + index : index,
      // Integers until row 20,000, then halves: the column is DOUBLE.
      ratio: index < 20_000 ? index : index + 0.5,
      flag: index % 3 === 0 ? undefined : index % 2 === 0,
      tags: index % 5 === 0 ? null : { index, tags: ['a', index % 2 === 0 ? 'even' : 'odd'] },
      // Strings and numbers: JSON text, so "1" and 1 stay apart.
      mixed: index % 2 === 0 ? String(index) : index,
      empty: null,
    }));
    const table = await swarm.create({ tasks }, { id: 'wide' });
    const out = path.join(cwd, 'wide.parquet');
    expect(await exportTable(swarm.context.store, table.id, { format: 'parquet', out })).toEqual({ rows: count, file: out });

    const file = await asyncBufferFromFile(out);
    const metadata = await parquetMetadataAsync(file);
    expect(metadata.row_groups.map((group) => Number(group.num_rows))).toEqual([10_000, 10_000, 5_001]);
    expect(Object.fromEntries(metadata.schema.slice(1).map(({ name, type, converted_type }) => [name, converted_type ?? type]))).toEqual({
      id: 'UTF8', text: 'UTF8', small: 'INT32', big: 'INT64', ratio: 'DOUBLE', flag: 'BOOLEAN', tags: 'JSON', mixed: 'JSON', empty: 'UTF8',
    });
    const read = await parquetReadObjects({ file });
    expect(read).toHaveLength(count);
    const stored = await swarm.rows(table.id);
    const columns = ['id', 'text', 'small', 'big', 'ratio', 'flag', 'tags', 'mixed', 'empty'];
    for (let index = 0; index < count; index++) {
      const actual = read[index]!;
      const expected = stored[index]!;
      for (const column of columns) {
        const value = typeof actual[column] === 'bigint' ? Number(actual[column]) : actual[column];
        if (value !== (expected[column] ?? null) && JSON.stringify(value) !== JSON.stringify(expected[column] ?? null)) {
          throw new Error(`row ${index} column ${column}: read ${JSON.stringify(value)}, stored ${JSON.stringify(expected[column])}`);
        }
      }
    }
    expect(read[0]).toMatchObject({ text: null, mixed: '0', tags: null, flag: null, empty: null });
    expect(read[1]).toMatchObject({ mixed: 1, big: 1n, tags: { index: 1, tags: ['a', 'odd'] } });
    expect(read[count - 1]).toMatchObject({ big: BigInt(2 ** 40 + count - 1), ratio: count - 1 + 0.5 });
  });

  it('parquet: an export with no rows is a valid file with the columns', async () => {
    const { cwd, exportTo } = await answeredTable();
    expect(await exportTo('parquet', { filter: { column: 'label', equals: 'nothing' } })).toMatchObject({ rows: 0 });
    const file = await asyncBufferFromFile(path.join(cwd, 'out.parquet'));
    expect((await parquetMetadataAsync(file)).schema.slice(1).map(({ name }) => name)).toEqual(['id', 'text', 'n', 'meta', 'flag', 'label', 'score']);
    expect(await parquetReadObjects({ file })).toEqual([]);
  });

  it('takes a filter and columns', async () => {
    const { cwd, rows, exportTo } = await answeredTable();
    const result = await exportTo('csv', { filter: { column: 'flag', exists: false }, columns: ['label', 'text'] });
    expect(result.rows).toBe(2);
    const lines = parse(readFileSync(path.join(cwd, 'out.csv'), 'utf8')) as string[][];
    expect(lines).toEqual([
      ['id', 'label', 'text'],
      ['a', rows[0]!.label, 'hello, "world"\nsecond line'],
      ['c', rows[2]!.label, 'ünïcode ✓'],
    ]);
  });

  it('rejects an unknown format or table, leaving no file behind', async () => {
    const { swarm, cwd } = await answeredTable();
    const store = swarm.context.store;
    await expect(exportTable(store, 'inbox', { format: 'xml' as never, out: path.join(cwd, 'out.xml') })).rejects.toThrow(
      'unknown export format "xml"; use one of jsonl, json, csv, parquet',
    );
    const missing = await exportTable(store, 'outbox', { format: 'jsonl', out: path.join(cwd, 'out.jsonl') }).catch((error: unknown) => error);
    expect(NotFoundError.isInstance(missing)).toBe(true);
    // With columns given the table is first looked up while writing: the partial file is removed.
    const projected = exportTable(store, 'outbox', { format: 'csv', out: path.join(cwd, 'out.csv'), columns: ['label'] });
    await expect(projected).rejects.toThrow('unknown table "outbox"');
    expect(existsSync(path.join(cwd, 'out.jsonl'))).toBe(false);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
