import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCsvRecords } from './read-csv-records.ts';

describe('readCsvRecords', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'swarm-csv-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function read(content: string) {
    const path = join(directory, 'rows.csv');
    await writeFile(path, content);
    return Array.fromAsync(readCsvRecords('rows.csv', { cwd: directory }));
  }

  it('maps the header to columns, keeping values as strings', async () => {
    const records = await read('\uFEFFid,name,count\r\n7,Ann,3\r\nb,"Bo, Jr.",\r\n');
    expect(records).toEqual([
      { id: '7', data: { id: '7', name: 'Ann', count: '3' }, line: 2 },
      { id: 'b', data: { id: 'b', name: 'Bo, Jr.', count: '' }, line: 3 },
    ]);
  });

  it('gives the start line of records spanning lines and after blank lines', async () => {
    const records = await read('text\n"one\ntwo"\n\n\nthree\n"four\n\nfive"\nsix');
    expect(records.map((record) => [record.id, record.line, record.data.text])).toEqual([
      ['r1', 2, 'one\ntwo'],
      ['r2', 6, 'three'],
      ['r3', 7, 'four\n\nfive'],
      ['r4', 10, 'six'],
    ]);
  });

  it('reads a header-only or empty file as no records', async () => {
    expect(await read('a,b\n')).toEqual([]);
    expect(await read('')).toEqual([]);
  });

  it('rejects a ragged row with its line', async () => {
    await expect(read('a,b\n1,2\n3\n')).rejects.toMatchObject({
      name: 'InvalidInputError',
      file: 'rows.csv',
      line: 3,
      message: 'rows.csv:3: row has 1 field but the header has 2',
    });
  });

  it('rejects empty and repeated header names', async () => {
    await expect(read('a,,b, \n1,2,3,4\n')).rejects.toMatchObject({
      line: 1,
      message: 'rows.csv:1: header has empty column name(s) at column(s) 2, 4',
    });
    await expect(read('a,b,a,c,b\n')).rejects.toMatchObject({
      message: expect.stringContaining('header repeats column name(s) "a", "b"'),
    });
  });

  it('reports malformed CSV with a line', async () => {
    await expect(read('a,b\n1,"open\n')).rejects.toMatchObject({
      name: 'InvalidInputError',
      file: 'rows.csv',
      message: expect.stringContaining('invalid CSV: Quote Not Closed'),
    });
  });

  it('requires ids on every row when the header has an id column', async () => {
    await expect(read('id,x\na,1\n,2\n')).rejects.toMatchObject({
      line: 3,
      message: expect.stringContaining('it is an empty string'),
    });
  });
});
