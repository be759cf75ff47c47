import { glob } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError } from '../../errors/index.ts';
import { formatProblemList } from './format-problem-list.ts';
import { readFileRows } from './read-file-rows.ts';
import type { SourceRecord } from './source-record.ts';
import { statIfExists } from './stat-if-exists.ts';

/**
 * One `{ id, file }` row per regular file matched by any pattern (relative to `cwd`), deduplicated
 * and sorted so the same tree always gives the same table. A pattern matching no file is an error,
 * as it is almost always a typo.
 */
export async function readGlobRows(
  patterns: string[],
  { cwd, maxFileBytes }: { cwd: string; maxFileBytes: number },
): Promise<SourceRecord[]> {
  const filesByPath = new Map<string, { file: string; path: string; size: number }>();
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    let matchCount = 0;
    for await (const file of glob(pattern, { cwd })) {
      const path = resolve(cwd, file);
      const stats = await statIfExists(path);
      if (stats === undefined || !stats.isFile()) continue;
      matchCount++;
      if (!filesByPath.has(path)) filesByPath.set(path, { file, path, size: stats.size });
    }
    if (matchCount === 0) unmatched.push(pattern);
  }
  if (unmatched.length > 0) throw new InvalidInputError(formatProblemList('glob matched no files', unmatched));
  // Code-unit order, not locale order, so the table is the same on every machine.
  const files = [...filesByPath.values()].sort((left, right) =>
    left.file < right.file ? -1 : left.file > right.file ? 1 : 0,
  );
  return readFileRows(files, { cwd, maxFileBytes });
}
