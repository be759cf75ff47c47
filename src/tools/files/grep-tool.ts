import fs from 'node:fs/promises';
import path from 'node:path';
import { tool } from 'ai';
import { z } from 'zod';
import { capText } from '../cap-tool-output.ts';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';
import { confinePath, type ConfinedPath } from './confine-path.ts';
import { findMatchingFiles } from './find-matching-files.ts';
import { createLineSearcher } from './line-searcher.ts';
import { openConfinedFile } from './open-confined-file.ts';
import { readConfinedText } from './read-confined-text.ts';

const maxMatches = 500;
const maxFilesSearched = 20_000;
const maxLineCharacters = 300;
const regexTimeBudgetMs = 5000;

/** `grep`: the lines matching a regular expression in the files under a folder (or one file). */
export function grepTool(settings: PreparedToolSettings) {
  return tool({
    description:
      'Search file contents inside the working folder with a JavaScript regular expression. ' +
      `Returns matching lines as "file:line: text" (file relative to the working folder), at most ${maxMatches}. ` +
      'Searches every file under `path` (a folder or one file; default the working folder), or only those matching `glob` ' +
      '("*.ts" matches at any depth; a pattern with "/" is relative to `path`). Binary files, files over the size limit ' +
      'and hidden folders are skipped.',
    inputSchema: z.object({
      pattern: z.string().describe('A JavaScript regular expression, e.g. "function\\s+\\w+"; for case-insensitive matching wrap it in (?i:...)'),
      path: z.string().optional().describe('A folder or file to search, relative to the working folder (default ".")'),
      glob: z.string().optional().describe('Only search files whose path matches this glob, e.g. "*.ts" or "src/**/*.js"'),
    }),
    execute: ({ pattern, path: requested, glob }, { abortSignal }) => grepFiles(settings, { pattern, requested: requested ?? '.', glob, abortSignal }),
  });
}

async function grepFiles(settings: PreparedToolSettings, { pattern, requested, glob, abortSignal }: { pattern: string; requested: string; glob: string | undefined; abortSignal: AbortSignal | undefined }): Promise<string> {
  const search = createLineSearcher(pattern, { timeBudgetMs: regexTimeBudgetMs });
  const base = await confinePath(settings, requested);
  const targets = await filesToSearch(settings, base, glob, abortSignal);
  const lines: string[] = [];
  const skipped = { binary: 0, large: 0, refused: 0 };
  for (const { relative, file } of targets.files) {
    if (lines.length >= maxMatches) break;
    abortSignal?.throwIfAborted();
    let text: string;
    try {
      const handle = await openConfinedFile(settings, file, 'read');
      try {
        text = await readConfinedText(settings, handle, file.shown);
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (!ToolRefusedError.isInstance(error) && !ToolFailedError.isInstance(error)) throw error;
      // One file the tool may not read does not fail the search; the count says it was skipped.
      if (targets.single) throw error;
      const reason = ToolRefusedError.isInstance(error) ? error.reason : undefined;
      if (reason === 'binary') skipped.binary++;
      else if (reason === 'too-large') skipped.large++;
      else skipped.refused++;
      continue;
    }
    for (const found of search(text, maxMatches - lines.length)) {
      const shownLine = found.text.length > maxLineCharacters ? `${found.text.slice(0, maxLineCharacters)} [line cut]` : found.text;
      lines.push(`${relative}:${found.number}: ${shownLine}`);
    }
  }
  if (lines.length === 0) lines.push(`no matches for ${JSON.stringify(pattern)} in ${base.shown}`);
  if (lines.length >= maxMatches) lines.push(`[stopped at ${maxMatches} matches; narrow the pattern, path or glob]`);
  if (targets.more) lines.push(`[only the first ${maxFilesSearched} files were searched; narrow the path or glob]`);
  const notes = [
    skipped.binary && `${skipped.binary} binary`,
    skipped.large && `${skipped.large} over the size limit`,
    (skipped.refused + targets.outside) && `${skipped.refused + targets.outside} refused or unreadable (links leading out, hard links, special files)`,
  ].filter(Boolean);
  if (notes.length > 0) lines.push(`[files skipped: ${notes.join(', ')}]`);
  return capText(lines.join('\n'), { hint: 'narrow the pattern, path or glob' });
}

/** The file `base` itself, or the files under it matching `glob` (at any depth when it has no "/"). */
async function filesToSearch(settings: PreparedToolSettings, base: ConfinedPath, glob: string | undefined, abortSignal: AbortSignal | undefined) {
  if (!(await fs.stat(base.real)).isDirectory()) {
    const relative = path.relative(settings.root, base.real).split(path.sep).join('/');
    return { files: [{ relative, file: base }], more: false, outside: 0, single: true };
  }
  const pattern = glob === undefined ? '**/*' : glob.includes('/') ? glob : `**/${glob}`;
  return { ...(await findMatchingFiles(settings, base, pattern, { maxFiles: maxFilesSearched, abortSignal })), single: false };
}
