import { constants } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';
import type { ConfinedPath } from './confine-path.ts';
import { errorCode } from '../error-code.ts';
import { verifyOpenedInside } from './verify-opened-inside.ts';

/**
 * Creates the file at `file`, which did not exist when it was confined, and the folders above it
 * that are missing, one at a time from the nearest existing (checked) parent. The file is created
 * exclusively and without following links, so nothing that appeared there meanwhile is written.
 */
export async function createConfinedFile(settings: PreparedToolSettings, file: ConfinedPath): Promise<FileHandle> {
  let folder = file.nearestReal;
  for (const name of file.missing.slice(0, -1)) {
    folder = path.join(folder, name);
    try {
      await fs.mkdir(folder);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw new ToolFailedError(`cannot create a folder for ${file.shown}: ${errorCode(error) ?? 'unknown error'}`);
      // Appeared meanwhile: only a real folder (not a link to one) may be used.
      if (!(await fs.lstat(folder)).isDirectory()) throw new ToolRefusedError('changed', `refused: a folder on the way to ${file.shown} was replaced while being created`);
    }
  }
  let handle: FileHandle;
  try {
    handle = await fs.open(file.real, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') throw new ToolFailedError(`${file.shown} was created by something else meanwhile; try again`);
    throw new ToolFailedError(`cannot create ${file.shown}: ${errorCode(error) ?? 'unknown error'}`);
  }
  try {
    await verifyOpenedInside(settings, handle, file.shown);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
