import path from 'node:path';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { exportFormats, formatOfFile, type ExportFormat } from '../export/export-format.ts';
import type { CliIo } from './cli-io.ts';

/**
 * Where `--out` writes and in which format: `-` is stdout (JSONL unless `--format` says
 * otherwise); a file's format is its extension's, and a `--format` that contradicts it is refused.
 */
export function exportDestination(out: string, format: ExportFormat | undefined, io: CliIo): { out: string | NodeJS.WritableStream; format: ExportFormat } {
  if (out === '-') {
    if (format === 'parquet') throw new InvalidInputError('--out - writes to stdout, and Parquet needs a file: give --out FILE.parquet');
    return { out: io.stdout, format: format ?? 'jsonl' };
  }
  const named = formatOfFile(out);
  if (format !== undefined && named !== undefined && format !== named) {
    throw new InvalidInputError(`--out ${out} names a ${named} file but --format is ${format}: change one of them`);
  }
  const chosen = format ?? named;
  if (chosen === undefined) {
    throw new InvalidInputError(`cannot tell the format of --out ${out} from its name: give --format (${exportFormats.join(', ')}) or end the name in .jsonl, .json, .csv or .parquet`);
  }
  return { out: path.resolve(io.cwd, out), format: chosen };
}
