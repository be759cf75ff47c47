import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDataFile } from './read-data-file.ts';

describe('readDataFile', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'swarm-data-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const read = (file: string) => Array.fromAsync(readDataFile(file, { cwd: directory }));

  it('picks the format by extension, resolving against cwd', async () => {
    await mkdir(join(directory, 'data'));
    await writeFile(join(directory, 'data/a.NDJSON'), '{"x":1}\n');
    await writeFile(join(directory, 'data/b.csv'), 'x\n1\n');
    await writeFile(join(directory, 'data/c.json'), '[{"x":1}]');
    expect(await read('data/a.NDJSON')).toEqual([{ id: 'r1', data: { x: 1, id: 'r1' }, line: 1 }]);
    expect(await read('data/b.csv')).toEqual([{ id: 'r1', data: { x: '1', id: 'r1' }, line: 2 }]);
    expect(await read('data/c.json')).toEqual([{ id: 'r1', data: { x: 1, id: 'r1' }, line: 1 }]);
  });

  it('lists supported extensions for an unknown one', () => {
    expect(() => readDataFile('rows.txt', { cwd: directory })).toThrow(
      'rows.txt: cannot read ".txt" files as a table; supported: .jsonl, .ndjson, .csv, .json',
    );
    expect(() => readDataFile('rows', { cwd: directory })).toThrow(/cannot read a file with no extension/);
  });
});
