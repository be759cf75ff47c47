import { describe, expect, it } from 'vitest';
import { createRunLog } from './run-log.ts';

const event = (rowId: string) => ({ type: 'row-end' as const, passId: 'p', rowId, status: 'done' as const });

describe('createRunLog', () => {
  it('gives every reader the events after its cursor, then new ones as they come, until it closes', async () => {
    const log = createRunLog();
    log.append(event('a'));
    log.append(event('b'));
    const read: number[] = [];
    const reader = (async () => {
      for await (const { id } of log.follow(1, new AbortController().signal)) read.push(id);
    })();
    await new Promise((resolve) => setTimeout(resolve, 5));
    log.append(event('c'));
    log.close();
    await reader;
    expect(read).toEqual([2, 3]);
  });

  it('keeps the last `retained` events: a reader from before them starts at the oldest kept', async () => {
    const log = createRunLog({ retained: 4 });
    for (let index = 0; index < 10; index++) log.append(event(String(index)));
    log.close();
    const ids: number[] = [];
    for await (const { id } of log.follow(0, new AbortController().signal)) ids.push(id);
    expect(ids.at(-1)).toBe(10);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(ids.length).toBeLessThanOrEqual(5);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('ends a reader whose signal aborts while it waits', async () => {
    const log = createRunLog();
    const controller = new AbortController();
    const reader = (async () => {
      for await (const _ of log.follow(0, controller.signal)) void _;
    })();
    controller.abort();
    await expect(reader).resolves.toBeUndefined();
  });
});
