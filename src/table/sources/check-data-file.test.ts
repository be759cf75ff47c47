import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDataFile } from './check-data-file.ts';

describe('checkDataFile', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'swarm-check-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('returns the resolved path and size', async () => {
    await writeFile(join(directory, 'rows.jsonl'), '{}\n');
    expect(await checkDataFile('rows.jsonl', { cwd: directory })).toEqual({
      path: join(directory, 'rows.jsonl'),
      size: 3,
    });
  });

  it('rejects missing files, directories and binary files', async () => {
    await mkdir(join(directory, 'folder.csv'));
    await writeFile(join(directory, 'rows.jsonl'), Buffer.from([0x7b, 0x00, 0x7d, 0x0a]));
    await expect(checkDataFile('missing.jsonl', { cwd: directory })).rejects.toMatchObject({
      name: 'InvalidInputError',
      message: 'file not found: missing.jsonl',
    });
    await expect(checkDataFile('folder.csv', { cwd: directory })).rejects.toMatchObject({
      message: 'folder.csv: not a regular file',
    });
    await expect(checkDataFile('rows.jsonl', { cwd: directory })).rejects.toMatchObject({
      file: 'rows.jsonl',
      message: 'rows.jsonl: binary file; expected UTF-8 text',
    });
  });
});
