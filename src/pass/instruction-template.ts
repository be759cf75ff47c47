/** The `{column}` placeholders an instruction uses, in order of first use. */
export function placeholdersOf(instruction: string): string[] {
  const names = new Set<string>();
  for (const match of instruction.matchAll(placeholderPattern)) names.add(match[1]!);
  return [...names];
}

/**
 * The instruction with each `{column}` turned into a reference to the value listed beside it
 * (`<column>`), so one instruction serves every row of a batch.
 */
export function renderInstruction(instruction: string): string {
  return instruction.replace(placeholderPattern, (_, name: string) => `<${name}>`);
}

/** The instruction with each `{column}` replaced by the row's value (JSON for non-strings); unknown ones are left as written. */
export function fillInstruction(instruction: string, row: Record<string, unknown>): string {
  return instruction.replace(placeholderPattern, (whole, name: string) => {
    const value = row[name];
    if (value === undefined) return whole;
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

// `{name}` but not `{{name}}` (task files use double braces for their own substitution).
const placeholderPattern = /(?<!\{)\{([A-Za-z_][\w.-]*)\}(?!\})/g;
