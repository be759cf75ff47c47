import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { TableSource } from './sources/table-source.ts';

/**
 * A key naming a source's content, so that running the same one-shot command again finds the
 * table it created (and resumes its pass) instead of creating another. A changed data file gets
 * a new key, hence a new table.
 */
export async function sourceKey(source: TableSource, cwd: string): Promise<string> {
  const hash = createHash('sha256');
  if ('file' in source) {
    const file = path.resolve(cwd, source.file);
    hash.update(`file\0${file}\0`);
    if (existsSync(file)) for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } else if ('glob' in source) {
    hash.update(`glob\0${cwd}\0${[source.glob].flat().join('\0')}`);
  } else if ('filePaths' in source) {
    hash.update(`files\0${source.filePaths.map((file) => path.resolve(cwd, file)).join('\0')}`);
  } else {
    hash.update(`tasks\0${JSON.stringify(source.tasks)}`);
  }
  return hash.digest('hex').slice(0, 32);
}
