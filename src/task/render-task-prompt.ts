import { seedTextOf, templateValue } from './seed-text-of.ts';
import { taskTemplatePattern } from './task-template-placeholders.ts';

/**
 * A task's prompt for one row: `{{seed}}` becomes the row's seed text (see `seedTextOf`) and
 * `{column}` the row's value (JSON for non-strings, empty when absent).
 */
export function renderTaskPrompt(template: string, row: Record<string, unknown>): string {
  return fillTaskTemplate(template, row, { seed: seedTextOf(row) });
}

/**
 * Fills a task template in one pass, so text put in is never read again as a placeholder:
 * `{{name}}` from `variables` (left as written when not given), `{column}` from `row`.
 */
export function fillTaskTemplate(template: string, row: Record<string, unknown>, variables: Readonly<Record<string, string>>): string {
  return template.replace(taskTemplatePattern, (whole, variable: string | undefined, column: string | undefined) => {
    if (variable !== undefined) return Object.hasOwn(variables, variable) ? variables[variable]! : whole;
    return templateValue(row[column!]);
  });
}
