import { describe, expect, it } from 'vitest';
import { createFairQueue } from './fair-queue.ts';

function drain(queue: ReturnType<typeof createFairQueue<string>>): string[] {
  const taken: string[] = [];
  for (let item = queue.peek(); item !== undefined; item = queue.peek()) {
    taken.push(item);
    queue.shift();
  }
  return taken;
}

describe('createFairQueue', () => {
  it('takes turns between owners, first in, first out within each', () => {
    const queue = createFairQueue<string>();
    for (const item of ['a1', 'a2', 'a3']) queue.push('a', item);
    for (const item of ['b1', 'b2']) queue.push('b', item);
    queue.push('c', 'c1');
    expect(queue.size).toBe(6);
    expect(drain(queue)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
    expect(queue.size).toBe(0);
  });

  it('serves next the owner served least recently, even one whose queue ran dry in between', () => {
    const queue = createFairQueue<string>();
    queue.push('a', 'a1');
    queue.shift();
    for (const item of ['a2', 'a3']) queue.push('a', item);
    queue.push('b', 'b1');
    queue.push('b', 'b2');
    expect(drain(queue)).toEqual(['b1', 'a2', 'b2', 'a3']);
    expect(queue.size).toBe(0);
  });

  it('keeps the turns right when an item is removed from the middle', () => {
    const queue = createFairQueue<string>();
    queue.push('a', 'a1');
    queue.push('b', 'b1');
    queue.push('c', 'c1');
    queue.push('a', 'a2');
    expect(queue.peek()).toBe('a1');
    queue.shift();
    queue.remove('b1');
    expect(queue.size).toBe(2);
    expect(drain(queue)).toEqual(['c1', 'a2']);
  });

  it('gives an owner arriving later the next turn', () => {
    const queue = createFairQueue<string>();
    queue.push('a', 'a1');
    queue.push('a', 'a2');
    queue.push('a', 'a3');
    queue.shift();
    queue.push('b', 'b1');
    expect(drain(queue)).toEqual(['b1', 'a2', 'a3']);
  });
});
