import { DaemonStoppedError } from './daemon-stopped-error.ts';

/**
 * The chunks of a daemon's streamed response; the connection breaking (the daemon killed) is the
 * daemon stopping before `what` ended. What the daemon sends is left to the reader to judge.
 */
export async function* untilDisconnected(body: ReadableStream<Uint8Array> | null, what: string): AsyncGenerator<Uint8Array> {
  if (body === null) return;
  try {
    yield* body;
  } catch {
    throw new DaemonStoppedError(what);
  }
}
