import { InvalidInputError } from '../../errors/index.ts';
import { formatProblemList } from './format-problem-list.ts';
import { matchGlobFiles } from './match-glob-files.ts';
import { readFileRows } from './read-file-rows.ts';
import type { SourceRecord } from './source-record.ts';

/**
 * One `{ id, file }` row per regular file matched by any pattern (relative to `cwd`), deduplicated
 * and sorted so the same tree always gives the same table. A pattern matching no file is an error,
 * as it is almost always a typo.
 */
export async function readGlobRows(
  patterns: string[],
  { cwd, maxFileBytes }: { cwd: string; maxFileBytes: number },
): Promise<SourceRecord[]> {
  const { files, unmatched } = await matchGlobFiles(patterns, { cwd });
  if (unmatched.length > 0) throw new InvalidInputError(formatProblemList('glob matched no files', unmatched));
  return readFileRows(files, { cwd, maxFileBytes });
}
