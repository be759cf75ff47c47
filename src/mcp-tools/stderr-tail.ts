import type { Stream } from 'node:stream';

/** The end of what a child process writes to stderr, kept to explain a failure. Reading it also keeps the child from blocking on a full pipe. */
export interface StderrTail {
  /** The last lines written so far (at most `maxCharacters`), trimmed. */
  text(): string;
  /** Resolves once the stream has ended, or after `waitMs`, whichever is first. */
  ended(waitMs: number): Promise<void>;
}

/** Follows `stream`, keeping its last `maxCharacters` characters. */
export function followStderr(stream: Stream | null, { maxCharacters = 4_000 }: { maxCharacters?: number } = {}): StderrTail {
  let kept = '';
  let hasEnded = stream === null;
  const endWaiters: Array<() => void> = [];
  stream?.on('data', (chunk: Buffer | string) => {
    kept = (kept + chunk.toString()).slice(-maxCharacters);
  });
  stream?.on('end', () => {
    hasEnded = true;
    for (const resolve of endWaiters.splice(0)) resolve();
  });
  return {
    text: () => kept.trim(),
    ended: (waitMs) =>
      hasEnded
        ? Promise.resolve()
        : new Promise((resolve) => {
            const timer = setTimeout(resolve, waitMs);
            endWaiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          }),
  };
}
