import { InvalidInputError } from '../../errors/index.ts';
import { parseRowId } from './parse-row-id.ts';

/** Sets a data-file record's `id` in place and returns it; see `createIdAssigner`. */
export type IdAssigner = (record: Record<string, unknown>, recordNumber: number, line: number | undefined) => string;

/**
 * Ids for one data file's records. The first record decides: if it has an `id`, every record must
 * have one; if not, every record gets `r<record number>` and a later `id` is an error, because
 * mixing the two could silently collide (`r7` given and generated) and is rarely what anyone meant.
 */
export function createIdAssigner(file: string): IdAssigner {
  let firstHasId = false;
  return (record, recordNumber, line) => {
    const value = record.id;
    if (recordNumber === 1) firstHasId = value !== undefined;
    if (firstHasId) {
      if (value === undefined) {
        throw new InvalidInputError('record has no `id` but the first record did; give every record an `id` or none', {
          file,
          line,
        });
      }
      const id = parseRowId(value, '`id`', { file, line });
      record.id = id;
      return id;
    }
    if (value !== undefined) {
      throw new InvalidInputError(
        'record has an `id` but earlier records did not; give every record an `id` or none ' +
          '(then ids r1, r2, … are assigned)',
        { file, line },
      );
    }
    const id = `r${recordNumber}`;
    record.id = id;
    return id;
  };
}
