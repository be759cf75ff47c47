import { InvalidInputError } from '../../errors/index.ts';
import { describeValue } from './describe-value.ts';

/**
 * Turns a record's `id` value into a row id: a non-empty string as-is, a finite number as its string.
 * `name` says which value it is in the error ("tasks[4].id", "`id`"); `file`/`line` locate it.
 */
export function parseRowId(value: unknown, name: string, location: { file?: string; line?: number } = {}): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new InvalidInputError(
    `${name} must be a non-empty string or a finite number; it is ${describeValue(value)}`,
    location,
  );
}
