import type { FileHandle } from 'node:fs/promises';

/** Makes `text` the whole content of an opened file, whatever its read position. */
export async function replaceFileContent(handle: FileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  await handle.truncate(0);
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written, written);
    written += bytesWritten;
  }
}
