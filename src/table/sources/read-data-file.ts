import { extname } from 'node:path';
import { InvalidInputError } from '../../errors/index.ts';
import { readCsvRecords } from './read-csv-records.ts';
import { readJsonRecords } from './read-json-records.ts';
import { readJsonlRecords } from './read-jsonl-records.ts';
import type { SourceRecord } from './source-record.ts';

const supportedExtensions = ['.jsonl', '.ndjson', '.csv', '.json'];

/**
 * Reads a data file's records, choosing the format by extension; `file` is resolved against `cwd`.
 * Throws at once for an unsupported extension. Returns the format reader itself rather than
 * delegating to it, because each `yield*` level costs a promise hop per record.
 */
export function readDataFile(file: string, { cwd }: { cwd: string }): AsyncGenerator<SourceRecord> {
  const extension = extname(file).toLowerCase();
  if (extension === '.csv') return readCsvRecords(file, { cwd });
  if (extension === '.json') return readJsonRecords(file, { cwd });
  if (extension === '.jsonl' || extension === '.ndjson') return readJsonlRecords(file, { cwd });
  const given = extension === '' ? 'a file with no extension' : `"${extension}" files`;
  throw new InvalidInputError(`cannot read ${given} as a table; supported: ${supportedExtensions.join(', ')}`, {
    file,
  });
}
