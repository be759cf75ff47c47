import { InvalidInputError } from '../errors/invalid-input-error.ts';

/** Throws an InvalidInputError naming any of `wanted` that the table lacks, and the columns it has. */
export function checkColumns(wanted: Iterable<string>, available: string[], where: string): void {
  const known = new Set(available);
  const unknown = [...new Set(wanted)].filter((column) => !known.has(column));
  if (unknown.length > 0) {
    const names = unknown.map((column) => JSON.stringify(column)).join(', ');
    throw new InvalidInputError(
      `${where}: unknown column${unknown.length > 1 ? 's' : ''} ${names}; the table has: ${available.join(', ')}`,
    );
  }
}
