import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InvalidInputError } from '../../errors/index.ts';
import { checkDataFile } from './check-data-file.ts';
import { createIdAssigner } from './create-id-assigner.ts';
import { describeValue } from './describe-value.ts';
import type { SourceRecord } from './source-record.ts';

/**
 * Streams a JSON Lines file one record per non-blank line, so a million-line import never sits in
 * memory. `file` is the path as the user gave it, resolved against `cwd`.
 */
export async function* readJsonlRecords(file: string, { cwd }: { cwd: string }): AsyncGenerator<SourceRecord> {
  const { path } = await checkDataFile(file, { cwd });
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const assignId = createIdAssigner(file);
  let line = 0;
  let recordNumber = 0;
  try {
    for await (let text of lines) {
      line++;
      if (text.length === 0) continue;
      if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        // Whitespace-only lines are blank too; checking here keeps the common path to one parse.
        if (text.trim() === '') continue;
        throw new InvalidInputError(`invalid JSON: ${(error as Error).message}`, { file, line, cause: error });
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new InvalidInputError(`each line must be a JSON object; this one is ${describeValue(value)}`, {
          file,
          line,
        });
      }
      const data = value as Record<string, unknown>;
      recordNumber++;
      yield { id: assignId(data, recordNumber, line), data, line };
    }
  } finally {
    // Stopping early (a consumer's `break`) must not leave the file open.
    lines.close();
    stream.destroy();
  }
}
