import { InvalidInputError } from '../../errors/index.ts';

/** Rejects header rows that would lose data: blank names, repeated names, and `__proto__`. */
export function checkCsvHeader(names: string[], { file, line }: { file: string; line: number }): string[] {
  const blank = names.flatMap((name, index) => (name.trim() === '' ? [index + 1] : []));
  if (blank.length > 0) {
    throw new InvalidInputError(`header has empty column name(s) at column(s) ${blank.join(', ')}`, { file, line });
  }
  const repeated = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
  if (repeated.length > 0) {
    const shown = repeated.map((name) => JSON.stringify(name)).join(', ');
    throw new InvalidInputError(`header repeats column name(s) ${shown}; each column needs its own name`, {
      file,
      line,
    });
  }
  // Assigning `data["__proto__"]` would set the prototype instead of a field.
  if (names.includes('__proto__')) {
    throw new InvalidInputError('header has a column named "__proto__", which cannot be a field name', { file, line });
  }
  return names;
}
