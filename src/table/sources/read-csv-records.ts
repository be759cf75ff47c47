import { createReadStream } from 'node:fs';
import type { Info } from 'csv-parse';
import { InvalidInputError } from '../../errors/index.ts';
import { checkDataFile } from './check-data-file.ts';
import { checkCsvHeader } from './check-csv-header.ts';
import { createIdAssigner } from './create-id-assigner.ts';
import type { SourceRecord } from './source-record.ts';

/**
 * Streams a CSV file whose first row names the columns; every value stays a string. `file` is the
 * path as the user gave it, resolved against `cwd`.
 */
export async function* readCsvRecords(file: string, { cwd }: { cwd: string }): AsyncGenerator<SourceRecord> {
  const { path } = await checkDataFile(file, { cwd });
  // Loaded here, not with Swarm: only a CSV source needs it.
  const { CsvError, parse } = await import('csv-parse');
  const stream = createReadStream(path);
  // Column counts are checked here rather than by csv-parse so the message can name both counts.
  const parser = stream.pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }));
  // `pipe` does not forward read errors; without this a failed read would leave the loop waiting.
  stream.on('error', (error) => parser.destroy(error));
  const assignId = createIdAssigner(file);
  let columns: string[] | undefined;
  let previousEndLine = 0;
  let previousEmptyLines = 0;
  let recordNumber = 0;
  try {
    for await (const { record: fields, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      // csv-parse reports the line a record ends on; a quoted field may span lines, and skipped blank
      // lines sit between records, so the start is one past the previous end plus the blanks skipped.
      const line = previousEndLine + 1 + (info.empty_lines - previousEmptyLines);
      previousEndLine = info.lines;
      previousEmptyLines = info.empty_lines;
      if (columns === undefined) {
        columns = checkCsvHeader(fields, { file, line });
        continue;
      }
      if (fields.length !== columns.length) {
        const count = `${fields.length} field${fields.length === 1 ? '' : 's'}`;
        throw new InvalidInputError(`row has ${count} but the header has ${columns.length}`, { file, line });
      }
      const data: Record<string, unknown> = {};
      for (let index = 0; index < columns.length; index++) data[columns[index]!] = fields[index];
      recordNumber++;
      yield { id: assignId(data, recordNumber, line), data, line };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : undefined;
      throw new InvalidInputError(`invalid CSV: ${error.message}`, { file, line, cause: error });
    }
    throw error;
  } finally {
    stream.destroy();
    parser.destroy();
  }
}
