import type { RunEvent, SequencedEvent } from './run-event.ts';

/** One run's events in memory, numbered, for any number of readers each at its own pace. */
export interface RunLog {
  /** Adds an event; returns its id. */
  append(event: RunEvent): number;
  /** No more events will come: readers end once they have read the rest. */
  close(): void;
  /** The events after `afterId`, then each as it comes, until the log closes or `signal` aborts. */
  follow(afterId: number, signal: AbortSignal): AsyncGenerator<SequencedEvent>;
}

/**
 * Creates a log keeping the last `retained` events (older ones are dropped: a reader resuming from
 * before them starts at the oldest kept). Readers share the one array, so a slow reader costs no
 * memory of its own and never holds up the run.
 */
export function createRunLog({ retained = 20_000 }: { retained?: number } = {}): RunLog {
  let events: SequencedEvent[] = [];
  let nextId = 1;
  let closed = false;
  let waiters: Array<() => void> = [];
  const wake = () => {
    const woken = waiters;
    waiters = [];
    for (const resolve of woken) resolve();
  };
  const after = (afterId: number): SequencedEvent[] => {
    const first = events[0];
    if (first === undefined || afterId >= nextId - 1) return [];
    return events.slice(Math.max(0, afterId + 1 - first.id));
  };
  return {
    append(event) {
      const id = nextId++;
      events.push({ id, event });
      // Trimmed in steps, so that appending stays O(1) on average.
      if (events.length > retained * 1.25) events = events.slice(events.length - retained);
      wake();
      return id;
    },
    close() {
      closed = true;
      wake();
    },
    async *follow(afterId, signal) {
      let cursor = afterId;
      while (!signal.aborted) {
        const batch = after(cursor);
        for (const item of batch) {
          yield item;
          cursor = item.id;
        }
        if (batch.length > 0) continue;
        if (closed) return;
        await new Promise<void>((resolve) => {
          const onAbort = () => resolve();
          signal.addEventListener('abort', onAbort, { once: true });
          waiters.push(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          });
        });
      }
    },
  };
}
