import { constants, type Stats } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';
import type { ConfinedPath } from './confine-path.ts';
import { entryKind } from './entry-kind.ts';
import { errorCode } from '../error-code.ts';
import { verifyOpenedInside } from './verify-opened-inside.ts';

/** Why a file is opened: to read it, to read and rewrite it, or to replace it without reading. */
export type OpenPurpose = 'read' | 'edit' | 'overwrite';

const flagsFor: Record<OpenPurpose, number> = {
  read: constants.O_RDONLY,
  edit: constants.O_RDWR,
  // No O_TRUNC: nothing is changed before the opened file has been checked.
  overwrite: constants.O_WRONLY,
};

/**
 * Opens the existing regular file at `file`, refusing anything else: folders, FIFOs, sockets,
 * devices, a file with several hard links (one may be outside the root), and for reading a file
 * over `maxFileBytes`. The opened descriptor is checked to be the file that was checked, so a path
 * swapped for a link in between is refused too.
 */
export async function openConfinedFile(settings: PreparedToolSettings, file: ConfinedPath, purpose: OpenPurpose): Promise<FileHandle> {
  const before = await fs.lstat(file.real);
  refuseUnlessPlainFile(before, file.shown);
  if (purpose !== 'overwrite' && before.size > settings.maxFileBytes) {
    throw new ToolRefusedError('too-large', `refused: ${file.shown} is ${before.size} bytes, over the ${settings.maxFileBytes}-byte limit for files`);
  }
  let handle: FileHandle;
  try {
    // O_NOFOLLOW: a link put in its place is not followed; O_NONBLOCK: a FIFO put there cannot hang the open.
    handle = await fs.open(file.real, flagsFor[purpose] | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if (errorCode(error) === 'ELOOP') throw new ToolRefusedError('changed', `refused: ${file.shown} became a symbolic link while being opened`);
    throw new ToolFailedError(`cannot open ${file.shown}: ${errorCode(error) ?? 'unknown error'}`);
  }
  try {
    const opened = await handle.stat();
    if (opened.dev !== before.dev || opened.ino !== before.ino) throw new ToolRefusedError('changed', `refused: ${file.shown} was replaced while being opened`);
    refuseUnlessPlainFile(opened, file.shown);
    await verifyOpenedInside(settings, handle, file.shown);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function refuseUnlessPlainFile(stats: Stats, shown: string): void {
  if (stats.isDirectory()) throw new ToolFailedError(`${shown} is a folder, not a file (list_files shows a folder)`);
  if (!stats.isFile()) throw new ToolRefusedError('special-file', `refused: ${shown} is a ${entryKind(stats)}, not a regular file`);
  if (stats.nlink > 1) {
    throw new ToolRefusedError('hard-link', `refused: ${shown} has ${stats.nlink} hard links; a hard-linked file may be the same file as one outside the working folder`);
  }
}
