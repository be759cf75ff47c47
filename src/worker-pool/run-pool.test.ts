import { describe, expect, it } from 'vitest';
import type { DispatchSource } from './dispatch-source.ts';
import { runPool } from './run-pool.ts';

function listSource<Work>(items: Work[]): DispatchSource<Work> {
  let index = 0;
  return { next: () => items[index++] };
}

describe('runPool', () => {
  it('does every unit, and what one hands back, with no more workers busy than asked', async () => {
    const done: string[] = [];
    let busy = 0;
    let mostBusy = 0;
    await runPool({
      workers: 3,
      source: listSource(['a', 'b', 'c', 'd', 'e']),
      abortSignal: new AbortController().signal,
      async execute(work) {
        mostBusy = Math.max(mostBusy, ++busy);
        await new Promise((resolve) => setTimeout(resolve, 1));
        busy--;
        done.push(work);
        // A batch whose rows are retried alone: `a` hands back two.
        return work === 'a' ? ['a1', 'a2'] : [];
      },
    });
    expect(done.sort()).toEqual(['a', 'a1', 'a2', 'b', 'c', 'd', 'e']);
    expect(mostBusy).toBe(3);
  });

  it('takes requeued units first, and stops taking work when its signal aborts', async () => {
    const stopper = new AbortController();
    const done: number[] = [];
    await runPool({
      workers: 1,
      source: listSource([1, 2, 3, 4]),
      requeued: [0],
      abortSignal: stopper.signal,
      async execute(work) {
        done.push(work);
        if (work === 2) stopper.abort();
        return [];
      },
    });
    expect(done).toEqual([0, 1, 2]);
  });

  it('waits on a source that answers later (a queue consumer)', async () => {
    const items = [1, 2, 3];
    const source: DispatchSource<number> = { next: () => new Promise((resolve) => setTimeout(() => resolve(items.shift()), 1)) };
    const done: number[] = [];
    await runPool({ workers: 2, source, abortSignal: new AbortController().signal, execute: async (work) => (done.push(work), []) });
    expect(done.sort()).toEqual([1, 2, 3]);
  });
});
