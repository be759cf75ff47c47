import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

/** Stats a path (following symlinks), or returns undefined when nothing is there. */
export async function statIfExists(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent in the path is a file, which also means "nothing there".
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
