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
    // The planner's own limits first, then what any plan given to runPlan would be told (src/plan's planProblems).
    expect(problems).toEqual([
      'the plan has 4 tasks; at most 3 are allowed',
      'task a: {tasks.b} names task b, but it is not in the dependsOn of task a: add it there (a task reads only the results of the tasks it depends on)',
      'task b has agent and command: give one of agent, model, command, run (each says how the task is done)',
      'task c: the agent "wizard" is not one of: reviewer',
      'task id "bad id" must be letters, digits, ".", "_" or "-" (at most 128)',
      'dependency cycle: c → c',
    ]);
    expect(planProblems({ tasks: [{ id: 'empty', description: ' ' }] })).toEqual(['task empty: description must not be empty (it is the prompt)']);
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
