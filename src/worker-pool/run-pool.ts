import type { DispatchSource } from './dispatch-source.ts';

/** Options of `runPool`. */
export interface PoolOptions<Work> {
  /** How many workers take work at once. */
  workers: number;
  source: DispatchSource<Work>;
  /** Does one unit of work; returns the units to do again on their own (a batch's rows retried alone). */
  execute(work: Work): Promise<Work[]>;
  /** When it aborts, no worker takes more work; work under way finishes (it listens to the same signal). */
  abortSignal: AbortSignal;
  /** Units to do before any from the source (what a provider batch left to answer online). */
  requeued?: Work[];
}

const yieldEveryMs = 5;

/**
 * Runs `workers` workers until the source is empty and no work is under way, or the signal aborts.
 * Work handed back by `execute` is taken before new work from the source.
 */
export async function runPool<Work>({ workers, source, execute, abortSignal, requeued = [] }: PoolOptions<Work>): Promise<void> {
  const alone = requeued;
  let running = 0;
  let exhausted = false;
  const idle: Array<() => void> = [];
  const breathe = breather();
  const worker = async () => {
    while (!abortSignal.aborted) {
      const pausing = breathe();
      if (pausing !== undefined) await pausing;
      let next = alone.pop();
      if (next === undefined && !exhausted) {
        const taken = source.next();
        if (taken instanceof Promise) {
          // A worker waiting on the source counts as busy: what it takes may hand back work for the others.
          running++;
          try {
            next = await taken;
          } finally {
            running--;
            for (const wake of idle.splice(0)) wake();
          }
        } else next = taken;
        if (next === undefined) exhausted = true;
      }
      if (next === undefined) {
        if (running === 0) return;
        // Work still under way may hand back units to do alone: wait for it rather than leave those
        // to its worker, one at a time.
        await new Promise<void>((resolve) => idle.push(resolve));
        continue;
      }
      running++;
      try {
        const again = await execute(next);
        for (const work of again) alone.push(work);
      } finally {
        running--;
        for (const wake of idle.splice(0)) wake();
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
}

/**
 * A work loop that never waits (a model that answers instantly) would keep timers, progress output
 * and signal handlers from running until the whole pool is done. All workers pause on one shared
 * turn of the event loop: pausing each on its own would let each run a full slice in turn.
 */
function breather(): () => Promise<void> | undefined {
  let lastYield = performance.now();
  let pause: Promise<void> | undefined;
  return () => {
    if (performance.now() - lastYield <= yieldEveryMs) return undefined;
    pause ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        pause = undefined;
        lastYield = performance.now();
        resolve();
      }),
    );
    return pause;
  };
}
