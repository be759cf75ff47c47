import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { binaryCheckByteCount } from './is-binary-file.ts';
import { maxJsonFileBytes, readJsonRecords } from './read-json-records.ts';

describe('readJsonRecords', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'swarm-json-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function read(content: string) {
    await writeFile(join(directory, 'rows.json'), content);
    return Array.fromAsync(readJsonRecords('rows.json', { cwd: directory }));
  }

  it('reads an array of objects with each item’s start line', async () => {
    const records = await read('[\n  {"id": 1, "a": [1,\n 2]},\n  {"id": "b"}\n]\n');
    expect(records).toEqual([
      { id: '1', data: { id: '1', a: [1, 2] }, line: 2 },
      { id: 'b', data: { id: 'b' }, line: 4 },
    ]);
  });

  it('numbers records when the first has no id', async () => {
    const records = await read('[{"a":1},{"a":2}]');
    expect(records.map((record) => record.id)).toEqual(['r1', 'r2']);
  });

  it('rejects a non-array and names a non-object item by index', async () => {
    await expect(read('{"a":1}')).rejects.toMatchObject({
      message: 'rows.json: a .json data file must hold an array of objects; it holds an object',
    });
    await expect(read('[{"a":1},\n"x"]')).rejects.toMatchObject({
      line: 2,
      message: 'rows.json:2: a .json data file must hold an array of objects; item [1] is a string',
    });
  });

  it('reports invalid JSON', async () => {
    await expect(read('[{"a":1},]')).rejects.toMatchObject({
      name: 'InvalidInputError',
      message: expect.stringMatching(/^rows\.json: invalid JSON: /),
    });
  });

  it('refuses files over the size cap and suggests JSONL', async () => {
    // Text up front passes the binary check; the sparse zero-filled rest costs no disk or time.
    const path = join(directory, 'rows.json');
    await writeFile(path, ' '.repeat(binaryCheckByteCount));
    await truncate(path, maxJsonFileBytes + 1);
    await expect(Array.fromAsync(readJsonRecords('rows.json', { cwd: directory }))).rejects.toMatchObject({
      message: expect.stringMatching(/over the 200 MB limit for \.json; convert it to JSON Lines/),
    });
  });
});
