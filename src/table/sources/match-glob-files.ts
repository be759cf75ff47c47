import { glob } from 'node:fs/promises';
import { resolve } from 'node:path';
import { statIfExists } from './stat-if-exists.ts';

/** A regular file a glob matched: `file` as matched (relative to `cwd`), `path` where it is read. */
export interface MatchedFile {
  file: string;
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * The regular files matched by any pattern (relative to `cwd`), deduplicated and sorted so the
 * same tree always gives the same list, and the patterns that matched none.
 */
export async function matchGlobFiles(patterns: string[], { cwd }: { cwd: string }): Promise<{ files: MatchedFile[]; unmatched: string[] }> {
  const filesByPath = new Map<string, MatchedFile>();
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    let matchCount = 0;
    for await (const file of glob(pattern, { cwd })) {
      const path = resolve(cwd, file);
      const stats = await statIfExists(path);
      if (stats === undefined || !stats.isFile()) continue;
      matchCount++;
      if (!filesByPath.has(path)) filesByPath.set(path, { file, path, size: stats.size, mtimeMs: stats.mtimeMs });
    }
    if (matchCount === 0) unmatched.push(pattern);
  }
  // Code-unit order, not locale order, so the list is the same on every machine.
  const files = [...filesByPath.values()].sort((left, right) => (left.file < right.file ? -1 : left.file > right.file ? 1 : 0));
  return { files, unmatched };
}
