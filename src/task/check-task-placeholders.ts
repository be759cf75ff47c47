import { InvalidInputError } from '../errors/index.ts';
import { taskTemplatePlaceholders } from './task-template-placeholders.ts';

/**
 * Throws an InvalidInputError for a `{column}` in `template` that is not among `columns` (the seeds
 * file's columns, known only once it is read), naming the placeholder and the columns there are.
 * `key` names the template in the message; `file` is the task file.
 */
export function checkTaskPlaceholders(
  template: string,
  columns: readonly string[],
  { file, key = 'prompt_template' }: { file?: string; key?: string } = {},
): void {
  const unknown = taskTemplatePlaceholders(template).columns.filter((column) => !columns.includes(column));
  if (unknown.length === 0) return;
  const listed = unknown.map((column) => `{${column}}`).join(', ');
  throw new InvalidInputError(
    `${key} uses ${listed}, but the seeds have no such column${unknown.length === 1 ? '' : 's'}; ` +
      `columns: ${columns.join(', ')} (use {{seed}} for the seed text)`,
    { file },
  );
}
