/**
 * `{{name}}` (a task variable: seed, last, turn; spaces inside the braces allowed) or `{column}` (a
 * row value; the same names the pass's instructions accept, and never half of a `{{…}}`).
 */
export const taskTemplatePattern = /\{\{\s*([A-Za-z_]\w*)\s*\}\}|(?<!\{)\{([A-Za-z_][\w.-]*)\}(?!\})/g;

/** The placeholders a task template uses, each in order of first use. */
export function taskTemplatePlaceholders(template: string): { variables: string[]; columns: string[] } {
  const variables = new Set<string>();
  const columns = new Set<string>();
  for (const match of template.matchAll(taskTemplatePattern)) {
    if (match[1] !== undefined) variables.add(match[1]);
    else columns.add(match[2]!);
  }
  return { variables: [...variables], columns: [...columns] };
}

/** The template with `{{ name }}` written `{{name}}`, so code downstream can look for `{{seed}}` as is. */
export function canonicalTaskTemplate(template: string): string {
  return template.replace(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g, '{{$1}}');
}
