import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonlRecords } from './read-jsonl-records.ts';

describe('readJsonlRecords', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'swarm-jsonl-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function read(content: string) {
    const path = join(directory, 'rows.jsonl');
    await writeFile(path, content);
    return Array.fromAsync(readJsonlRecords('rows.jsonl', { cwd: directory }));
  }

  it('reads one record per line with its line number, skipping blank lines', async () => {
    const records = await read('\uFEFF{"id":"a","n":1}\r\n\n   \n{"id":2,"n":2}\n');
    expect(records).toEqual([
      { id: 'a', data: { id: 'a', n: 1 }, line: 1 },
      { id: '2', data: { id: '2', n: 2 }, line: 4 },
    ]);
  });

  it('numbers records r1, r2, … when the first has no id', async () => {
    const records = await read('{"n":1}\n\n{"n":2}');
    expect(records.map((record) => [record.id, record.line])).toEqual([
      ['r1', 1],
      ['r2', 3],
    ]);
    expect(records[1]!.data).toEqual({ n: 2, id: 'r2' });
  });

  it('reports a bad line with file, line and the JSON error', async () => {
    await expect(read('{"id":"a"}\n{"id": "b",}\n')).rejects.toMatchObject({
      name: 'InvalidInputError',
      file: 'rows.jsonl',
      line: 2,
      message: expect.stringMatching(/^rows\.jsonl:2: invalid JSON: /),
    });
  });

  it('rejects records that are not objects', async () => {
    await expect(read('{"id":"a"}\n[1]\n')).rejects.toMatchObject({
      line: 2,
      message: 'rows.jsonl:2: each line must be a JSON object; this one is an array',
    });
  });

  it('enforces the first record’s choice about ids', async () => {
    await expect(read('{"id":"a"}\n{"n":1}\n')).rejects.toMatchObject({
      line: 2,
      message: expect.stringContaining('record has no `id` but the first record did'),
    });
    await expect(read('{"n":1}\n{"id":"x"}\n')).rejects.toMatchObject({
      line: 2,
      message: expect.stringContaining('record has an `id` but earlier records did not'),
    });
    await expect(read('{"id":"a"}\n{"id":null}\n')).rejects.toMatchObject({
      line: 2,
      message: expect.stringContaining('`id` must be a non-empty string or a finite number; it is null'),
    });
  });

  it('closes the file when the consumer stops early', async () => {
    const path = join(directory, 'rows.jsonl');
    await writeFile(path, '{"n":1}\n{"n":2}\n{"n":3}\n');
    for await (const record of readJsonlRecords('rows.jsonl', { cwd: directory })) {
      expect(record.id).toBe('r1');
      break;
    }
  });
});
