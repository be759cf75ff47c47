import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileRowContent } from './read-file-row-content.ts';

describe('readFileRowContent', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'swarm-content-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('reads UTF-8 text relative to cwd, without a byte-order mark', async () => {
    await writeFile(join(directory, 'a.md'), '\uFEFFhéllo\n');
    expect(await readFileRowContent('a.md', { cwd: directory })).toBe('héllo\n');
  });

  it('rejects missing, binary and oversized files', async () => {
    await writeFile(join(directory, 'b.bin'), Buffer.from([1, 0, 2]));
    await writeFile(join(directory, 'c.txt'), 'x'.repeat(20));
    await expect(readFileRowContent('none.md', { cwd: directory })).rejects.toMatchObject({
      name: 'InvalidInputError',
      message: 'file not found: none.md',
    });
    await expect(readFileRowContent('b.bin', { cwd: directory })).rejects.toMatchObject({
      message: 'b.bin: binary file',
    });
    await expect(readFileRowContent('c.txt', { cwd: directory, maxFileBytes: 10 })).rejects.toMatchObject({
      message: 'c.txt: file is 20 bytes, over the 10 bytes limit; raise maxFileBytes (--max-file-bytes)',
    });
  });
});
