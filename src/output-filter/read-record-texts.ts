import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { splitJsonArray, type RecordText } from './split-json-array.ts';

/**
 * Streams the candidate records of one output file: each non-blank line of a `.jsonl` or
 * `.ndjson` file, each element of a `.json` array (or the whole `.json` file when it is not one).
 */
export async function* readRecordTexts(file: string): AsyncGenerator<RecordText> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  try {
    if (file.toLowerCase().endsWith('.json')) {
      yield* splitJsonArray(stream);
      return;
    }
    let line = 0;
    for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
      line++;
      const trimmed = (line === 1 ? text.replace(/^\uFEFF/, '') : text).trim();
      if (trimmed !== '') yield { text: trimmed, line };
    }
  } finally {
    stream.destroy();
  }
}
