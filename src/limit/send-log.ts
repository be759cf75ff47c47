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
  const sends: Array<{ at: number; usage: Record<PacedName, number> }> = [];
  return {
    record(at, usage) {
      const send = { at, usage };
      sends.push(send);
      while (sends[0]!.at < at - memoryMs) sends.shift();
      return {
        forget() {
          send.usage = { requests: 0, input: 0, output: 0, tokens: 0 };
        },
      };
    },
    sentSince(name, at) {
      let total = 0;
      for (let index = sends.length - 1; index >= 0 && sends[index]!.at > at; index--) total += sends[index]!.usage[name];
      return total;
    },
  };
}
