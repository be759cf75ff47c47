import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../../errors/index.ts';
import { checkDataFile } from './check-data-file.ts';
import { createIdAssigner } from './create-id-assigner.ts';
import { describeValue } from './describe-value.ts';
import { findArrayItemLines } from './find-array-item-lines.ts';
import { formatByteCount } from './format-byte-count.ts';
import type { SourceRecord } from './source-record.ts';

/** Largest .json data file read; it is parsed whole, so bigger tables belong in JSONL. */
export const maxJsonFileBytes = 200_000_000;

/**
 * Reads a JSON file holding one array of objects. Unlike JSONL and CSV it is parsed whole, hence the
 * size cap. `file` is the path as the user gave it, resolved against `cwd`.
 */
export async function* readJsonRecords(file: string, { cwd }: { cwd: string }): AsyncGenerator<SourceRecord> {
  const { path, size } = await checkDataFile(file, { cwd });
  if (size > maxJsonFileBytes) {
    throw new InvalidInputError(
      `JSON file is ${formatByteCount(size)}, over the ${formatByteCount(maxJsonFileBytes)} limit for .json; ` +
        'convert it to JSON Lines (.jsonl, one object per line), which is streamed',
      { file },
    );
  }
  let text = await readFile(path, 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`invalid JSON: ${(error as Error).message}`, { file, cause: error });
  }
  if (!Array.isArray(value)) {
    throw new InvalidInputError(`a .json data file must hold an array of objects; it holds ${describeValue(value)}`, {
      file,
    });
  }
  const lines = findArrayItemLines(text);
  const assignId = createIdAssigner(file);
  for (const [index, item] of value.entries()) {
    const line = lines[index];
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new InvalidInputError(
        `a .json data file must hold an array of objects; item [${index}] is ${describeValue(item)}`,
        { file, line },
      );
    }
    const data = item as Record<string, unknown>;
    yield { id: assignId(data, index + 1, line), data, line };
  }
}
