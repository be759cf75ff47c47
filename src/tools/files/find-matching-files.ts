import fs from 'node:fs/promises';
import path from 'node:path';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';
import { confinePath, type ConfinedPath } from './confine-path.ts';

/** Files a glob pattern matched under a folder, each confined like any path the model gives. */
export interface MatchingFiles {
  /** Regular files inside the root, with their path relative to the root. */
  files: Array<{ relative: string; file: ConfinedPath }>;
  /** More files matched than `maxFiles`; only the first ones found are in `files`. */
  more: boolean;
  /** Matches left out because they lead outside the root. */
  outside: number;
}

/**
 * Walks `pattern` (Node's `fs.promises.glob`: `*`, `**`, `?`, `[...]`, `{a,b}`; dotfiles and links
 * to folders are not walked into) under the confined folder `base`. The pattern may not be absolute
 * or contain `..`, and every match is confined again, so a link inside the root leads nowhere else.
 */
export async function findMatchingFiles(settings: PreparedToolSettings, base: ConfinedPath, pattern: string, { maxFiles, abortSignal }: { maxFiles: number; abortSignal?: AbortSignal }): Promise<MatchingFiles> {
  refuseEscapingPattern(pattern);
  const found: MatchingFiles = { files: [], more: false, outside: 0 };
  for await (const match of fs.glob(pattern, { cwd: base.real })) {
    abortSignal?.throwIfAborted();
    const relative = path.relative(settings.root, path.join(base.real, match));
    let file: ConfinedPath;
    try {
      file = await confinePath(settings, relative);
    } catch (error) {
      if (ToolRefusedError.isInstance(error)) found.outside++;
      continue;
    }
    if (!(await isRegularFile(file.real))) continue;
    if (found.files.length === maxFiles) {
      found.more = true;
      break;
    }
    found.files.push({ relative: relative.split(path.sep).join('/'), file });
  }
  found.files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  return found;
}

function refuseEscapingPattern(pattern: string): void {
  const shown = JSON.stringify(pattern);
  if (pattern.includes('\0')) throw new ToolRefusedError('invalid-path', `refused: the pattern ${shown} contains a null byte`);
  if (path.isAbsolute(pattern)) throw new ToolRefusedError('invalid-path', `refused: the pattern ${shown} is absolute; patterns are relative to the folder searched`);
  // Also inside braces: `{..,a}/x` expands to `../x`.
  if (pattern.includes('..')) throw new ToolRefusedError('invalid-path', `refused: the pattern ${shown} contains ".."; patterns cannot reach above the folder searched`);
}

async function isRegularFile(real: string): Promise<boolean> {
  try {
    return (await fs.stat(real)).isFile();
  } catch {
    return false;
  }
}
