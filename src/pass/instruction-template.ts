/**
 * The columns an instruction refers to, in order of first use: every `{column}`, and every
 * `{{column}}` (spaces allowed inside the braces, as in task files) that names one of `columns`;
 * a `{{name}}` naming no column is text, left as written.
 */
export function placeholdersOf(instruction: string, columns: readonly string[]): string[] {
  const names = new Set<string>();
  for (const match of instruction.matchAll(placeholderPattern)) {
    const [, doubled, single] = match;
    if (single !== undefined) names.add(single);
    else if (columns.includes(doubled!)) names.add(doubled!);
  }
  return [...names];
}

/**
 * The instruction with each placeholder of `placeholders` turned into a reference to the value
 * listed beside it (`<column>`), so one instruction serves every row of a batch.
 */
export function renderInstruction(instruction: string, placeholders: readonly string[]): string {
  return instruction.replace(placeholderPattern, (whole, doubled: string | undefined, single: string | undefined) => {
    const name = single ?? doubled!;
    return single !== undefined || placeholders.includes(name) ? `<${name}>` : whole;
  });
}

/** The instruction with each placeholder replaced by the row's value (JSON for non-strings); unknown ones are left as written. */
export function fillInstruction(instruction: string, row: Record<string, unknown>): string {
  return instruction.replace(placeholderPattern, (whole, doubled: string | undefined, single: string | undefined) => {
    const value = row[single ?? doubled!];
    if (value === undefined) return whole;
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

// `{{ name }}` first, so that `{name}` is never half of one.
const placeholderPattern = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}|(?<!\{)\{([A-Za-z_][\w.-]*)\}(?!\})/g;
