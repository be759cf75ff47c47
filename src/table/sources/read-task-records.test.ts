import { describe, expect, it } from 'vitest';
import { readTaskRecords } from './read-task-records.ts';

describe('readTaskRecords', () => {
  it('stringifies numeric ids in a shallow copy', () => {
    const tasks = [{ id: 7, text: 'a' }, { id: 'b', nested: { x: 1 } }];
    const records = [...readTaskRecords(tasks)];
    expect(records).toEqual([
      { id: '7', data: { id: '7', text: 'a' } },
      { id: 'b', data: { id: 'b', nested: { x: 1 } } },
    ]);
    expect(tasks[0]!.id).toBe(7);
    expect(records[1]!.data.nested).toBe(tasks[1]!.nested);
  });

  it('names a task without an id', () => {
    const tasks = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }, { text: 'no id' }];
    expect(() => [...readTaskRecords(tasks)]).toThrow('tasks[4] has no `id`');
  });

  it('rejects ids that are not strings or finite numbers', () => {
    expect(() => [...readTaskRecords([{ id: true }])]).toThrow(
      'tasks[0].id must be a non-empty string or a finite number; it is a boolean',
    );
    expect(() => [...readTaskRecords([{ id: Number.NaN }])]).toThrow(/tasks\[0\]\.id/);
    expect(() => [...readTaskRecords([{ id: '' }])]).toThrow(/it is an empty string/);
  });
});
