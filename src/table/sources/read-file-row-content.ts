import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError } from '../../errors/index.ts';
import { defaultMaxFileBytes } from './default-max-file-bytes.ts';
import { describeFileRowProblem } from './describe-file-row-problem.ts';
import { statIfExists } from './stat-if-exists.ts';

/**
 * Reads a file row's content as UTF-8 text for a prompt, with the same checks `readSource` applies
 * (the file may have changed since): missing, binary or larger than `maxFileBytes` is an InvalidInputError.
 */
export async function readFileRowContent(
  file: string,
  { cwd = process.cwd(), maxFileBytes = defaultMaxFileBytes }: { cwd?: string; maxFileBytes?: number } = {},
): Promise<string> {
  const path = resolve(cwd, file);
  const stats = await statIfExists(path);
  if (stats === undefined) throw new InvalidInputError(`file not found: ${file}`);
  if (!stats.isFile()) throw new InvalidInputError('not a regular file', { file });
  const problem = await describeFileRowProblem(path, { size: stats.size, maxFileBytes });
  if (problem !== undefined) throw new InvalidInputError(problem, { file });
  const text = await readFile(path, 'utf8');
  // A byte-order mark is invisible noise to a model.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
