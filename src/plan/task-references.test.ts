import { describe, expect, it } from 'vitest';
import { findCycle } from './find-cycle.ts';
import { fillTaskReferences, taskReferencesOf } from './task-references.ts';

describe('task references', () => {
  it('resolve to the longest task id, the rest being a field path', () => {
    const ids = new Set(['ol-527', 'ol-527.1', 'a']);
    expect(taskReferencesOf('{tasks.ol-527.1} {tasks.ol-527.title} {tasks.a.b.c} {tasks.nope} {other}', ids)).toEqual({
      references: [
        { placeholder: '{tasks.ol-527.1}', taskId: 'ol-527.1', path: [] },
        { placeholder: '{tasks.ol-527.title}', taskId: 'ol-527', path: ['title'] },
        { placeholder: '{tasks.a.b.c}', taskId: 'a', path: ['b', 'c'] },
      ],
      unknown: ['{tasks.nope}'],
    });
  });

  it('fill strings as they are and anything else as JSON, and say which field is missing', () => {
    const ids = new Set(['a', 'b']);
    const upstream = { a: 'text with {tasks.b} inside', b: { n: 1, deep: { list: [1, 2] } } };
    expect(fillTaskReferences('A: {tasks.a}; B: {tasks.b.deep.list}; $&', ids, upstream)).toEqual({ text: 'A: text with {tasks.b} inside; B: [1,2]; $&' });
    expect(fillTaskReferences('{tasks.b.nope}', ids, upstream)).toEqual({ problem: '{tasks.b.nope}: the result of task b has no nope' });
  });
});

describe('findCycle', () => {
  it('names the tasks along a cycle, and finds none in a DAG', () => {
    expect(findCycle([{ id: 'a' }, { id: 'b', dependsOn: ['a'] }, { id: 'c', dependsOn: ['a', 'b'] }])).toBeUndefined();
    expect(findCycle([{ id: 'x', dependsOn: ['y'] }, { id: 'y', dependsOn: ['x'] }])).toEqual(['x', 'y', 'x']);
    expect(findCycle([{ id: 'self', dependsOn: ['self'] }])).toEqual(['self', 'self']);
    // A repeated id does not hide a cycle: its first task's dependencies count.
    expect(findCycle([{ id: 'x', dependsOn: ['y'] }, { id: 'y', dependsOn: ['x'] }, { id: 'x' }])).toEqual(['x', 'y', 'x']);
    // A long chain does not overflow the stack.
    const chain = Array.from({ length: 50_000 }, (_, index) => ({ id: `t${index}`, dependsOn: index === 0 ? ['t49999'] : [`t${index - 1}`] }));
    expect(findCycle(chain)).toHaveLength(50_001);
  });
});
