import type { FileHandle } from 'node:fs/promises';
import fs from 'node:fs/promises';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';
import { isInside } from './is-inside.ts';

/**
 * Where Linux says an opened descriptor leads must be inside the root: this closes the gap between
 * checking a path and opening it, in which a parent folder could be swapped for a link. Elsewhere
 * (no `/proc/self/fd`) the device and inode check in `openConfinedFile` is what remains.
 */
export async function verifyOpenedInside(settings: PreparedToolSettings, handle: FileHandle, shown: string): Promise<void> {
  if (process.platform !== 'linux') return;
  let opened: string;
  try {
    opened = await fs.readlink(`/proc/self/fd/${handle.fd}`);
  } catch {
    return;
  }
  if (!isInside(settings.root, opened)) throw new ToolRefusedError('outside-root', `refused: ${shown} led outside the working folder when opened`);
}
