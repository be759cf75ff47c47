import path from 'node:path';
import type { PreparedCommand } from './prepared-command.ts';
import type { PendingRow } from './plan-dispatches.ts';
import { fillCommand } from '../shell/command-template.ts';
import { shellQuote } from '../shell/shell-quote.ts';

/**
 * The command line for a row, or why there is none: a placeholder the row has no value for (an
 * empty word in its place could change what the command does), or a value with a null byte. Each
 * value is one shell-quoted word: a string as it is, other values as JSON; `{file}` on a file table
 * the file's absolute path, in the row's worktree (`worktreeOf`) when the file is in the repository.
 */
export function rowCommandLine(
  command: PreparedCommand,
  placeholders: readonly string[],
  row: PendingRow,
  worktreeOf: (file: string) => string = (file) => file,
): { line: string } | { problem: string } {
  const words = new Map<string, string>();
  for (const name of placeholders) {
    const value = row.data[name];
    if (value === undefined || value === null) return { problem: `the row has no value for {${name}}` };
    let text = typeof value === 'string' ? value : JSON.stringify(value);
    if (name === 'file' && command.fileRoot !== undefined && typeof value === 'string') text = worktreeOf(path.resolve(command.fileRoot, value));
    if (text.includes('\0')) return { problem: `the value of {${name}} has a null byte, which no command line can hold` };
    words.set(name, shellQuote(text));
  }
  return { line: fillCommand(command.template, placeholders, (name) => words.get(name)!) };
}
