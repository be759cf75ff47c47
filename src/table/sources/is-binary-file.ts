import { open } from 'node:fs/promises';

/** How much of a file's start is checked for NUL bytes; the same heuristic git and grep use. */
export const binaryCheckByteCount = 8192;

/** True when the file's first 8 KB contain a NUL byte, which text (UTF-8) never does. */
export async function isBinaryFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(binaryCheckByteCount);
    const { bytesRead } = await handle.read(buffer, 0, binaryCheckByteCount, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}
