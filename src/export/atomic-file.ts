import { randomUUID } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError } from '../errors/invalid-input-error.ts';

/** A file written beside its destination and renamed into place, so a reader never sees half of it. */
export interface AtomicFile {
  /** The destination. */
  readonly path: string;
  /** Appends text (as UTF-8) or bytes; buffered. A byte chunk must not be changed afterwards. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Throws away everything written so far and starts the file again. */
  restart(): Promise<void>;
  /** Flushes, closes, and renames the file into place. */
  commit(): Promise<void>;
  /** Closes and removes the temporary file, leaving the destination untouched; safe to call more than once. */
  discard(): Promise<void>;
}

// Writes are gathered up to this size: one system call per row would dominate a large export.
const flushBytes = 64 * 1024;

/** Opens a temporary file beside `file` (hidden, ending in `.partial`) for an atomic write. */
export async function openAtomicFile(file: string): Promise<AtomicFile> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomUUID().slice(0, 8)}.partial`);
  let handle: FileHandle | undefined = await open(temporary, 'w').catch((error: NodeJS.ErrnoException) => {
    throw new InvalidInputError(`cannot write ${file}: ${error.code === 'ENOENT' ? 'no such folder' : error.message}`, { cause: error });
  });
  let pending: Buffer[] = [];
  let pendingBytes = 0;

  const flush = async () => {
    if (pending.length === 0) return;
    const bytes = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    for (let written = 0; written < bytes.byteLength; ) written += (await handle!.write(bytes, written)).bytesWritten;
  };
  const close = async () => {
    const closing = handle;
    handle = undefined;
    await closing?.close();
  };
  return {
    path: file,
    async write(chunk) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      pending.push(bytes);
      pendingBytes += bytes.byteLength;
      if (pendingBytes >= flushBytes) await flush();
    },
    async restart() {
      pending = [];
      pendingBytes = 0;
      await close();
      handle = await open(temporary, 'w');
    },
    async commit() {
      await flush();
      await close();
      await rename(temporary, file);
    },
    async discard() {
      pending = [];
      await close().catch(() => undefined);
      await rm(temporary, { force: true });
    },
  };
}
