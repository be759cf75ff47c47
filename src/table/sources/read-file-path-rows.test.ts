import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFilePathRows } from './read-file-path-rows.ts';

describe('readFilePathRows', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'swarm-paths-'));
    await mkdir(join(directory, 'x'));
    await mkdir(join(directory, 'y'));
    await writeFile(join(directory, 'x/a.ts'), 'x a');
    await writeFile(join(directory, 'y/a.ts'), 'y a');
    await writeFile(join(directory, 'b.ts'), 'b');
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const read = (filePaths: string[], maxFileBytes = 1_000_000) =>
    readFilePathRows(filePaths, { cwd: directory, maxFileBytes });

  it('keeps the given order and spelling, and drops repeats of the same file', async () => {
    const rows = await read(['./y/a.ts', join(directory, 'b.ts'), 'x/a.ts', 'y/../y/a.ts']);
    expect(rows).toEqual([
      { id: 'y/a.ts', data: { id: 'y/a.ts', file: './y/a.ts' } },
      { id: 'b.ts', data: { id: 'b.ts', file: join(directory, 'b.ts') } },
      { id: 'x/a.ts', data: { id: 'x/a.ts', file: 'x/a.ts' } },
    ]);
  });

  it('names every missing file', async () => {
    await expect(read(['b.ts', 'c.ts', 'x/d.ts'])).rejects.toMatchObject({
      name: 'InvalidInputError',
      message: 'files not found:\n  c.ts\n  x/d.ts',
    });
    await expect(read(['c.ts'])).rejects.toMatchObject({ message: 'file not found: c.ts' });
  });

  it('rejects a directory given explicitly', async () => {
    await expect(read(['x'])).rejects.toMatchObject({ message: 'not a regular file: x' });
  });

  it('rejects an oversized file naming the limit', async () => {
    await writeFile(join(directory, 'big.txt'), 'x'.repeat(3_200_000));
    await expect(read(['big.txt'])).rejects.toMatchObject({
      file: 'big.txt',
      message: 'big.txt: file is 3.2 MB, over the 1 MB limit; raise maxFileBytes (--max-file-bytes)',
    });
  });
});
