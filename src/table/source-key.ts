import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { matchGlobFiles } from './sources/match-glob-files.ts';
import type { TableSource } from './sources/table-source.ts';
import { statIfExists } from './sources/stat-if-exists.ts';

/**
 * A key naming a source's content, so that running the same one-shot command again finds the
 * table it created (and resumes its pass) instead of creating another. A changed data file gets
 * a new key, hence a new table; so does a glob that matches another set of files, or files (from
 * a glob or named) whose size or modification time changed, since file rows are read at call time.
 */
export async function sourceKey(source: TableSource, cwd: string): Promise<string> {
  const hash = createHash('sha256');
  if ('file' in source) {
    const file = path.resolve(cwd, source.file);
    hash.update(`file\0${file}\0`);
    if (existsSync(file)) for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } else if ('glob' in source) {
    const patterns = [source.glob].flat();
    hash.update(`glob\0${cwd}\0${patterns.join('\0')}\0`);
    const { files } = await matchGlobFiles(patterns, { cwd });
    for (const { path: file, size, mtimeMs } of files) hash.update(`${file}\0${size}\0${mtimeMs}\0`);
  } else if ('filePaths' in source) {
    hash.update('files\0');
    for (const file of source.filePaths.map((filePath) => path.resolve(cwd, filePath))) {
      const stats = await statIfExists(file);
      hash.update(`${file}\0${stats === undefined ? 'missing' : `${stats.size}\0${stats.mtimeMs}`}\0`);
    }
  } else {
    hash.update(`tasks\0${JSON.stringify(source.tasks)}`);
  }
  return hash.digest('hex').slice(0, 32);
}
