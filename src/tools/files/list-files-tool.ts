import fs from 'node:fs/promises';
import path from 'node:path';
import { tool } from 'ai';
import { z } from 'zod';
import { capText } from '../cap-tool-output.ts';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { confinePath } from './confine-path.ts';

const maxEntries = 1000;

/** `list_files`: the entries of a folder inside the root, with their type and size. */
export function listFilesTool(settings: PreparedToolSettings) {
  return tool({
    description:
      'List the entries of a folder inside the working folder (default: the working folder itself), one per line: ' +
      'type (file, dir, symlink or other), size in bytes for files, and name. Symbolic links are listed, not followed.',
    inputSchema: z.object({
      path: z.string().optional().describe('The folder to list, relative to the working folder (default ".")'),
    }),
    execute: ({ path: requested }) => listFolder(settings, requested ?? '.'),
  });
}

/** The lines `list_files` answers with. */
async function listFolder(settings: PreparedToolSettings, requested: string): Promise<string> {
  const folder = await confinePath(settings, requested);
  const stats = await fs.stat(folder.real);
  if (!stats.isDirectory()) throw new ToolFailedError(`${folder.shown} is a file, not a folder (read_file reads a file)`);
  const entries = (await fs.readdir(folder.real, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines = ['type\tbytes\tname'];
  for (const entry of entries.slice(0, maxEntries)) {
    if (entry.isDirectory()) lines.push(`dir\t\t${entry.name}/`);
    else if (entry.isSymbolicLink()) lines.push(`symlink\t\t${entry.name}`);
    else if (entry.isFile()) lines.push(`file\t${await sizeOf(path.join(folder.real, entry.name))}\t${entry.name}`);
    else lines.push(`other\t\t${entry.name}`);
  }
  if (entries.length === 0) return `(${folder.shown} is empty)`;
  if (entries.length > maxEntries) lines.push(`[${entries.length - maxEntries} more entries not shown; ${entries.length} in all]`);
  return capText(lines.join('\n'));
}

/** A file's size, or empty when it vanished since the folder was read. */
async function sizeOf(file: string): Promise<number | ''> {
  try {
    return (await fs.lstat(file)).size;
  } catch {
    return '';
  }
}
