import type { PacedName } from './paced-limit.ts';

/** Recent sends of one key, to tell how much was sent after the call a provider reported on. */
export interface SendLog {
  /** Records a send; `forget` takes it back (the provider refused it: it counted against nothing). */
  record(at: number, usage: Record<PacedName, number>): { forget(): void };
  /** Units of `name` sent after `at`. */
  sentSince(name: PacedName, at: number): number;
}

/** Creates a log that forgets sends older than `memoryMs`. */
export function createSendLog(memoryMs = 120_000): SendLog {
  // Oldest first.
  let sends: Array<{ at: number; usage: Record<PacedName, number> }> = [];
  // Sends before this index are forgotten; the array is compacted now and then, not shifted per send.
  let start = 0;
  return {
    record(at, usage) {
      const send = { at, usage };
      sends.push(send);
      while (sends[start]!.at < at - memoryMs) start++;
      if (start > 1024 && start > sends.length / 2) {
        sends = sends.slice(start);
        start = 0;
      }
      return {
        forget() {
          send.usage = { requests: 0, input: 0, output: 0, tokens: 0 };
        },
      };
    },
    sentSince(name, at) {
      let total = 0;
      for (let index = sends.length - 1; index >= start && sends[index]!.at > at; index--) total += sends[index]!.usage[name];
      return total;
    },
  };
}
