import { resolve } from 'node:path';
import { InvalidInputError } from '../../errors/index.ts';
import { formatProblemList } from './format-problem-list.ts';
import { readFileRows } from './read-file-rows.ts';
import type { SourceRecord } from './source-record.ts';
import { statIfExists } from './stat-if-exists.ts';

/**
 * One `{ id, file }` row per listed file, in the order given, keeping each path as the user wrote it.
 * A path listed twice (even spelled differently) gives one row, since two rows would need two ids.
 */
export async function readFilePathRows(
  filePaths: string[],
  { cwd, maxFileBytes }: { cwd: string; maxFileBytes: number },
): Promise<SourceRecord[]> {
  const filesByPath = new Map<string, { file: string; path: string; size: number }>();
  const missing: string[] = [];
  const notFiles: string[] = [];
  for (const file of filePaths) {
    const path = resolve(cwd, file);
    if (filesByPath.has(path)) continue;
    const stats = await statIfExists(path);
    if (stats === undefined) missing.push(file);
    // An explicit directory is a mistake worth reporting; only globs skip directories quietly.
    else if (!stats.isFile()) notFiles.push(file);
    else filesByPath.set(path, { file, path, size: stats.size });
  }
  if (missing.length > 0) {
    const summary = missing.length === 1 ? 'file not found' : 'files not found';
    throw new InvalidInputError(formatProblemList(summary, missing));
  }
  if (notFiles.length > 0) {
    const summary = notFiles.length === 1 ? 'not a regular file' : 'not regular files';
    throw new InvalidInputError(formatProblemList(summary, notFiles));
  }
  return readFileRows([...filesByPath.values()], { cwd, maxFileBytes });
}
