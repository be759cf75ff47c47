import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGlobRows } from './read-glob-rows.ts';

describe('readGlobRows', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'swarm-glob-'));
    await mkdir(join(directory, 'x/deep.ts'), { recursive: true });
    await mkdir(join(directory, 'y'));
    await writeFile(join(directory, 'x/a.ts'), 'x a');
    await writeFile(join(directory, 'y/a.ts'), 'y a');
    await writeFile(join(directory, 'y/b.ts'), 'y b');
    await writeFile(join(directory, 'notes.md'), 'notes');
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const read = (patterns: string[], maxFileBytes = 1_000_000) =>
    readGlobRows(patterns, { cwd: directory, maxFileBytes });

  it('returns sorted, deduplicated file rows, skipping directories', async () => {
    const rows = await read(['y/*.ts', '**/*.ts', '*.md']);
    expect(rows).toEqual([
      { id: 'notes.md', data: { id: 'notes.md', file: 'notes.md' } },
      { id: 'x/a.ts', data: { id: 'x/a.ts', file: 'x/a.ts' } },
      { id: 'y/a.ts', data: { id: 'y/a.ts', file: 'y/a.ts' } },
      { id: 'b.ts', data: { id: 'b.ts', file: 'y/b.ts' } },
    ]);
  });

  it('names every pattern that matched no file', async () => {
    await expect(read(['*.md', 'src/**/*.ts', 'x/*.py'])).rejects.toMatchObject({
      name: 'InvalidInputError',
      message: 'glob matched no files:\n  src/**/*.ts\n  x/*.py',
    });
    await expect(read(['x/deep.ts'])).rejects.toMatchObject({ message: 'glob matched no files: x/deep.ts' });
  });

  it('names every binary or oversized file in one error', async () => {
    await writeFile(join(directory, 'y/c.ts'), Buffer.from('ab\0cd'));
    await writeFile(join(directory, 'y/d.ts'), 'x'.repeat(3_200));
    await expect(read(['y/*'], 1000)).rejects.toMatchObject({
      message:
        '2 files cannot be used as rows:\n' +
        '  y/c.ts: binary file\n' +
        '  y/d.ts: file is 3.2 KB, over the 1 KB limit; raise maxFileBytes (--max-file-bytes)',
    });
    await expect(read(['y/c.ts'])).rejects.toMatchObject({ file: 'y/c.ts', message: 'y/c.ts: binary file' });
  });
});
