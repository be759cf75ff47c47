import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSource } from './read-source.ts';
import type { TableSource } from './table-source.ts';

describe('readSource', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'swarm-source-'));
    await writeFile(join(directory, 'a.txt'), 'a');
    await writeFile(join(directory, 'rows.jsonl'), '{"id":"one"}\n{"id":"two"}\n');
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const read = (source: TableSource) => Array.fromAsync(readSource(source, { cwd: directory }));

  it('reads every kind of source', async () => {
    expect(await read({ tasks: [{ id: 1 }] })).toEqual([{ id: '1', data: { id: '1' } }]);
    expect(await read({ glob: '*.txt' })).toEqual([{ id: 'a.txt', data: { id: 'a.txt', file: 'a.txt' } }]);
    expect(await read({ filePaths: ['a.txt'] })).toEqual([{ id: 'a.txt', data: { id: 'a.txt', file: 'a.txt' } }]);
    expect((await read({ file: 'rows.jsonl' })).map((record) => record.id)).toEqual(['one', 'two']);
  });

  it('does nothing until iterated, and can be read again', async () => {
    const records = readSource({ file: 'missing.txt' }, { cwd: directory });
    await expect(Array.fromAsync(records)).rejects.toMatchObject({ name: 'InvalidInputError' });
    const tasks = readSource({ tasks: [{ id: 'a' }] });
    expect(await Array.fromAsync(tasks)).toEqual(await Array.fromAsync(tasks));
  });

  it('validates the source before reading anything', async () => {
    await expect(read({ file: 'rows.jsonl', glob: '*' } as unknown as TableSource)).rejects.toMatchObject({
      name: 'InvalidInputError',
      message: expect.stringContaining('has `glob` and `file`; give exactly one'),
    });
  });
});
