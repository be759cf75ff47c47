import path from 'node:path';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { readFileRowContent } from '../table/sources/read-file-row-content.ts';
import type { PendingRow } from './plan-dispatches.ts';
import type { PreparedModelPass } from './prepared-pass.ts';
import type { PromptRow } from './render-prompt.ts';

/** What a prompt needs to show a row: the columns it lists, and where file rows' files are. */
export type PromptRowSettings = Pick<PreparedModelPass, 'placeholders' | 'fileRoot' | 'maxFileBytes'>;

/**
 * The rows of a dispatch as its prompt shows them (with each file's content for file rows), read
 * the same way for a run and for an estimate. A row whose file cannot be read is left out and
 * handed to `onUnreadable` with the reason.
 */
export async function promptRowsOf(
  settings: PromptRowSettings,
  rows: PendingRow[],
  onUnreadable: (row: PendingRow, problem: string) => void,
): Promise<{ sent: PendingRow[]; promptRows: PromptRow[] }> {
  const sent: PendingRow[] = [];
  const promptRows: PromptRow[] = [];
  for (const row of rows) {
    const values: Record<string, unknown> = {};
    for (const name of settings.placeholders) values[name] = row.data[name];
    if (settings.fileRoot === undefined || typeof row.data.file !== 'string') {
      sent.push(row);
      promptRows.push({ id: row.id, values });
      continue;
    }
    try {
      const fileContent = await readFileRowContent(path.resolve(settings.fileRoot, row.data.file), {
        cwd: settings.fileRoot,
        maxFileBytes: settings.maxFileBytes,
      });
      sent.push(row);
      promptRows.push({ id: row.id, values, fileContent });
    } catch (error) {
      onUnreadable(row, InvalidInputError.isInstance(error) ? error.message : `cannot read ${row.data.file}: ${(error as Error).message}`);
    }
  }
  return { sent, promptRows };
}
