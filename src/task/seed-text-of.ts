/** The columns a seed's text is looked for in, in order. */
export const seedColumns = ['seed', 'text', 'prompt'] as const;

/**
 * The seed text of a row, what `{{seed}}` stands for: the first of `seed`, `text`, `prompt` that
 * has a value, else the whole row as JSON without its `id`.
 * Non-string values are written as JSON.
 */
export function seedTextOf(row: Record<string, unknown>): string {
  const column = seedColumns.find((name) => row[name] !== undefined && row[name] !== null);
  if (column !== undefined) return templateValue(row[column]);
  const { id: _id, ...rest } = row;
  return JSON.stringify(rest);
}

/** A value as it goes into a prompt: strings as they are, nothing as empty, anything else as JSON. */
export function templateValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
