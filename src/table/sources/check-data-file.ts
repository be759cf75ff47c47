import { resolve } from 'node:path';
import { InvalidInputError } from '../../errors/index.ts';
import { isBinaryFile } from './is-binary-file.ts';
import { statIfExists } from './stat-if-exists.ts';

/**
 * Resolves a data file against `cwd` and checks it is an existing, non-binary regular file; returns
 * where to read it and its size. `file` is the path as the user gave it, used in messages.
 */
export async function checkDataFile(file: string, { cwd }: { cwd: string }): Promise<{ path: string; size: number }> {
  const path = resolve(cwd, file);
  const stats = await statIfExists(path);
  if (stats === undefined) throw new InvalidInputError(`file not found: ${file}`);
  if (!stats.isFile()) throw new InvalidInputError('not a regular file', { file });
  // Catches a mislabelled file (or UTF-16 text) before it turns into a confusing parse error.
  if (await isBinaryFile(path)) throw new InvalidInputError('binary file; expected UTF-8 text', { file });
  return { path, size: stats.size };
}
