import fs from 'node:fs/promises';
import { tool } from 'ai';
import { z } from 'zod';
import { capText } from '../cap-tool-output.ts';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { confinePath } from './confine-path.ts';
import { findMatchingFiles } from './find-matching-files.ts';

const maxFiles = 1000;

/** `glob`: the files matching a pattern, relative to the root. */
export function globTool(settings: PreparedToolSettings) {
  return tool({
    description:
      'Find files by name pattern inside the working folder, e.g. "**/*.ts" or "src/*.{js,json}". ' +
      'Returns matching file paths relative to the working folder, one per line, sorted ' +
      `(at most ${maxFiles}). "**" matches any folders; hidden files and folders are matched only when the pattern names them.`,
    inputSchema: z.object({
      pattern: z.string().describe('A glob pattern, relative to `path`'),
      path: z.string().optional().describe('The folder to search in, relative to the working folder (default ".")'),
    }),
    execute: ({ pattern, path }, { abortSignal }) => globFiles(settings, pattern, path ?? '.', abortSignal),
  });
}

async function globFiles(settings: PreparedToolSettings, pattern: string, requested: string, abortSignal: AbortSignal | undefined): Promise<string> {
  const base = await confinePath(settings, requested);
  if (!(await fs.stat(base.real)).isDirectory()) throw new ToolFailedError(`${base.shown} is a file, not a folder to search in`);
  const { files, more, outside } = await findMatchingFiles(settings, base, pattern, { maxFiles, abortSignal });
  const lines = files.map(({ relative }) => relative);
  if (lines.length === 0) lines.push(`no files match ${JSON.stringify(pattern)} in ${base.shown}`);
  if (more) lines.push(`[more than ${maxFiles} files match; only the first ${maxFiles} found are shown; narrow the pattern]`);
  if (outside > 0) lines.push(`[${outside} matches left out: they lead outside the working folder]`);
  return capText(lines.join('\n'), { hint: 'narrow the pattern' });
}
