import { describe, expect, it } from 'vitest';
import { planProblems } from './plan-problems.ts';

describe('planProblems', () => {
  it('names every problem of a plan, each about its tasks', () => {
    const problems = planProblems(
      {
        tasks: [
          { id: 'a', description: 'uses {tasks.b} and {tasks.c.field}', dependsOn: ['c'] },
          { id: 'b', description: ' ', agent: 'reviewer', command: 'ls' },
          { id: 'c', description: 'C', dependsOn: ['c'], agent: 'wizard' },
          { id: 'bad id', description: 'x' },
        ],
      },
      { maxTasks: 3, agents: ['reviewer'] },
    );
    expect(problems).toEqual([
      'the plan has 4 tasks; at most 3 are allowed',
      'task 4 has the id "bad id"; ids are 1-64 letters, digits, "-", "_" or "."',
      'task "a" names {tasks.b} in its description but does not depend on that task',
      'task "b" has no description',
      'task "b" has more than one kind (agent, command); give one',
      'task "c" uses the agent "wizard", which is not one of: reviewer',
      'task "c" depends on itself',
      'the tasks depend on each other in a cycle: c → c',
    ]);
    expect(planProblems({ tasks: [] })).toEqual(['the plan has no tasks']);
  });

  it('resolves dotted ids before fields, and finds nothing wrong with a sound plan', () => {
    expect(
      planProblems({
        tasks: [
          { id: 'ol-527.1', description: 'x' },
          { id: 'next', description: 'uses {tasks.ol-527.1.title}', dependsOn: ['ol-527.1'] },
        ],
      }),
    ).toEqual([]);
  });
});
