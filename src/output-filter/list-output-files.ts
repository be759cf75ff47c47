import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError } from '../errors/invalid-input-error.ts';

const outputFilePattern = /\.(jsonl|ndjson|json)$/i;

/**
 * The output files directly inside `inputDir` (`.jsonl`, `.ndjson`, `.json`; hidden files
 * skipped), sorted by name, leaving out `exclude` (absolute paths) so a re-run never reads its
 * own previous results.
 */
export async function listOutputFiles(inputDir: string, exclude: string[]): Promise<string[]> {
  const folder = await stat(inputDir).catch(() => undefined);
  if (folder === undefined) throw new InvalidInputError(`input folder not found: ${inputDir}`);
  if (!folder.isDirectory()) throw new InvalidInputError(`input is not a folder: ${inputDir}`);
  const files: string[] = [];
  for (const name of (await readdir(inputDir)).sort()) {
    const file = path.join(inputDir, name);
    if (name.startsWith('.') || !outputFilePattern.test(name) || exclude.includes(file)) continue;
    if ((await stat(file)).isFile()) files.push(file);
  }
  if (files.length === 0) throw new InvalidInputError(`no .jsonl or .json files in ${inputDir}`);
  return files;
}
