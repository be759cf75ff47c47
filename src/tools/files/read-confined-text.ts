import type { FileHandle } from 'node:fs/promises';
import type { PreparedToolSettings } from '../prepare-tool-settings.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';

const binaryProbeBytes = 8192;
const chunkBytes = 65_536;

/**
 * The whole text of an opened file, refused when it has grown past `maxFileBytes` since it was
 * checked, or is binary (a NUL byte in its first 8 KB, as git decides). Invalid UTF-8 reads as U+FFFD.
 */
export async function readConfinedText(settings: PreparedToolSettings, handle: FileHandle, shown: string): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for (;;) {
    // One byte past the limit is enough to know the file is over it.
    const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, settings.maxFileBytes + 1 - length));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    length += bytesRead;
    if (length > settings.maxFileBytes) throw new ToolRefusedError('too-large', `refused: ${shown} is over the ${settings.maxFileBytes}-byte limit for files`);
  }
  const bytes = Buffer.concat(chunks, length);
  if (bytes.subarray(0, binaryProbeBytes).includes(0)) {
    throw new ToolRefusedError('binary', `refused: ${shown} is a binary file (it has NUL bytes); text tools read text files only`);
  }
  return new TextDecoder().decode(bytes);
}
