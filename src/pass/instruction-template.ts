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

// `{name}` but not `{{name}}` (task files use double braces for their own substitution).
const placeholderPattern = /(?<!\{)\{([A-Za-z_][\w.-]*)\}(?!\})/g;
