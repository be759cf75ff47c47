import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportTable } from '../../src/export/export-table.ts';
import { NotFoundError, type ReadRowsOptions } from '../../src/index.ts';
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
  const exportTo = (format: 'jsonl' | 'json' | 'csv', options: Pick<ReadRowsOptions, 'filter' | 'columns'> = {}) =>
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
      'unknown export format "xml"; use one of jsonl, json, csv',
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
