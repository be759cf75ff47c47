import fs from 'node:fs/promises';
import path from 'node:path';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';
import { errorCode } from '../error-code.ts';
import { isInside } from './is-inside.ts';

/** A path the model asked for, checked to lie inside the root once symbolic links are resolved. */
export interface ConfinedPath {
  /** The path as the model wrote it, quoted, for messages. */
  shown: string;
  /** The real path (every link resolved); for a path that does not exist yet, its real parent joined with the missing names. */
  real: string;
  /** Whether something exists at `real`. */
  exists: boolean;
  /** The real path of the nearest existing folder when the path does not exist (else `real` itself). */
  nearestReal: string;
  /** The names below `nearestReal` that do not exist yet (empty when `exists`). */
  missing: string[];
}

// Even when the root is `/`, these hold kernel views (environ, memory, devices), not files.
const systemFolders = ['/proc', '/sys', '/dev'];

/**
 * Resolves `requested` against the root and checks, on the real path, that it stays inside:
 * refused for a null byte, `..` or an absolute path leading out, a symbolic link (the file or any
 * folder above it) leading out or nowhere, and system folders. A path that does not exist fails,
 * unless `allowMissing`, when its nearest existing parent is what is checked.
 * Checking before reading means no message reveals anything about what lies outside.
 */
export async function confinePath(settings: PreparedToolSettings, requested: string, { allowMissing = false }: { allowMissing?: boolean } = {}): Promise<ConfinedPath> {
  const shown = JSON.stringify(requested);
  if (requested.includes('\0')) throw new ToolRefusedError('invalid-path', `refused: the path ${shown} contains a null byte`);
  const absolute = path.isAbsolute(requested) ? path.resolve(requested) : path.resolve(settings.root, requested);
  if (!isInside(settings.root, absolute) && !isInside(settings.rootAsGiven, absolute)) {
    throw new ToolRefusedError('outside-root', `refused: ${shown} is outside the working folder (relative paths start at the working folder; an absolute path must lie inside it)`);
  }
  const { existing, missing } = await nearestExisting(absolute);
  let real: string;
  try {
    real = await fs.realpath(existing);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw new ToolRefusedError('outside-root', `refused: ${shown} goes through a broken symbolic link`);
    if (errorCode(error) === 'ELOOP') throw new ToolRefusedError('outside-root', `refused: ${shown} goes through a symbolic link loop`);
    throw new ToolFailedError(`cannot resolve ${shown}: ${errorCode(error) ?? 'unknown error'}`);
  }
  if (!isInside(settings.root, real)) throw new ToolRefusedError('outside-root', `refused: ${shown} leads outside the working folder through a symbolic link`);
  if (systemFolders.some((folder) => isInside(folder, real))) throw new ToolRefusedError('system-folder', `refused: ${shown} is in a system folder (/proc, /sys, /dev)`);
  if (missing.length > 0) {
    if (!allowMissing) throw new ToolFailedError(`no such file or folder: ${shown}`);
    if (!(await fs.stat(real)).isDirectory()) throw new ToolFailedError(`cannot create ${shown}: a part of the path is a file, not a folder`);
  }
  return { shown, real: path.join(real, ...missing), exists: missing.length === 0, nearestReal: real, missing };
}

/** The deepest entry on the way to `absolute` that exists (links not followed), and the names below it that do not. */
async function nearestExisting(absolute: string): Promise<{ existing: string; missing: string[] }> {
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      await fs.lstat(existing);
      return { existing, missing };
    } catch (error) {
      if (errorCode(error) !== 'ENOENT' && errorCode(error) !== 'ENOTDIR') throw new ToolFailedError(`cannot read ${JSON.stringify(existing)}: ${errorCode(error) ?? 'unknown error'}`);
      missing.unshift(path.basename(existing));
      existing = path.dirname(existing);
    }
  }
}
