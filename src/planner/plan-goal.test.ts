import type { LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createMockModel } from '../model/mock/create-mock-model.ts';
import type { Plan } from '../plan/plan.ts';
import { planGoal } from './plan-goal.ts';
import { planProblems } from './plan-problems.ts';
import { PlanningError } from './planning-error.ts';

function answers(...texts: string[]): MockLanguageModelV4 {
  const results = texts.map(
    (text): LanguageModelV4GenerateResult => ({
      content: [{ type: 'text', text }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 10, text: 10, reasoning: 0 } },
      warnings: [],
    }),
  );
  return new MockLanguageModelV4({ doGenerate: results });
}

function userTextOf(model: MockLanguageModelV4, call: number): string {
  const messages = model.doGenerateCalls[call]!.prompt;
  const last = messages[messages.length - 1]!;
  return last.role === 'user' ? last.content.map((part) => (part.type === 'text' ? part.text : '')).join('') : '';
}

/** Tasks with two or more dependents (fan-out) and tasks with two or more dependencies (fan-in). */
function shape(plan: Plan): { fanOut: string[]; fanIn: string[] } {
  const dependents = new Map<string, number>();
  for (const task of plan.tasks) for (const id of task.dependsOn ?? []) dependents.set(id, (dependents.get(id) ?? 0) + 1);
  return {
    fanOut: [...dependents].filter(([, count]) => count >= 2).map(([id]) => id),
    fanIn: plan.tasks.filter((task) => (task.dependsOn ?? []).length >= 2).map((task) => task.id),
  };
}

const goodPlan = {
  strategy: 'research',
  tasks: [
    { id: 'scope', description: 'Scope the question of solid-state batteries.', kind: 'model', dependsOn: [] },
    { id: 'costs', description: 'Research costs within {tasks.scope}.', kind: 'model', dependsOn: ['scope'] },
    { id: 'safety', description: 'Research safety.', kind: 'model', dependsOn: ['scope'] },
    { id: 'report', description: 'Combine {tasks.costs} and {tasks.safety}.', kind: 'model', dependsOn: ['costs', 'safety'] },
  ],
};

describe('planGoal', () => {
  it('on mock makes a valid, deterministic DAG with fan-out and fan-in from the strategy the goal names', async () => {
    const goal = 'Research the state of the art in solid-state batteries';
    const plan = await planGoal(goal, { model: createMockModel() });
    expect(plan).toMatchObject({ goal, strategy: 'research', name: 'research-the-state-of-the-art-in-solid-state' });
    expect(planProblems(plan)).toEqual([]);
    expect(plan.tasks.map((task) => task.id)).toEqual(['scope', 'research-background', 'research-recent', 'research-debates', 'analyze', 'synthesize']);
    expect(shape(plan)).toEqual({ fanOut: ['scope'], fanIn: ['analyze', 'synthesize'] });
    expect(plan.tasks[1]!.description).toContain('{tasks.scope}');
    expect(plan.tasks.every((task) => task.description.includes(goal))).toBe(true);
    expect(await planGoal(goal, { model: createMockModel() })).toEqual(plan);
  });

  it('on mock fits the template to maxTasks and branches, and refuses a maxTasks no template fits', async () => {
    const model = createMockModel();
    const narrow = await planGoal('Write a guide to sourdough', { model, maxTasks: 4 });
    expect(narrow.strategy).toBe('document');
    expect(narrow.tasks.map((task) => task.id)).toEqual(['outline', 'section-1', 'assemble', 'edit']);
    const wide = await planGoal('Write a guide to sourdough', { model, branches: 5 });
    expect(wide.tasks.filter((task) => task.id.startsWith('section-'))).toHaveLength(5);
    expect(planProblems(wide)).toEqual([]);
    await expect(planGoal('Run an A/B experiment on button colors', { model, maxTasks: 4 })).rejects.toThrow(
      'the experiment strategy needs at least 5 tasks; maxTasks is 4',
    );
  });

  it('on mock asks the model for the strategy when the goal names none, deterministically', async () => {
    const model = createMockModel();
    const plan = await planGoal('Tell me about otters', { model });
    expect(['research', 'code-analysis', 'data-science', 'document', 'experiment']).toContain(plan.strategy);
    expect(planProblems(plan)).toEqual([]);
    expect(shape(plan).fanIn.length).toBeGreaterThan(0);
    expect((await planGoal('Tell me about otters', { model })).strategy).toBe(plan.strategy);
  });

  it('every strategy template is a valid DAG with fan-out and fan-in', async () => {
    for (const strategy of ['research', 'code-analysis', 'data-science', 'document', 'experiment'] as const) {
      const plan = await planGoal('Do the thing', { model: createMockModel(), strategy });
      expect(plan.strategy).toBe(strategy);
      expect(planProblems(plan), strategy).toEqual([]);
      expect(shape(plan).fanOut.length, strategy).toBeGreaterThan(0);
      expect(shape(plan).fanIn.length, strategy).toBeGreaterThan(0);
    }
  });

  it('with a model writing the DAG, takes a valid answer, linking dependencies the prompt does not name', async () => {
    const model = answers(JSON.stringify(goodPlan));
    const plan = await planGoal('How good are solid-state batteries?', { model, agents: { reviewer: 'reads files' } });
    expect(model.doGenerateCalls).toHaveLength(1);
    expect(plan.strategy).toBe('research');
    expect(plan.tasks.find((task) => task.id === 'safety')!.description).toBe('Research safety.\n\nResult of scope:\n{tasks.scope}');
    expect(plan.tasks.find((task) => task.id === 'costs')!.description).toBe('Research costs within {tasks.scope}.');
    const call = model.doGenerateCalls[0]!;
    expect(call.responseFormat).toMatchObject({ type: 'json' });
    const schema = (call.responseFormat as { schema: { properties: { tasks: { items: { properties: { kind: { enum: string[] } } } } } } }).schema;
    expect(schema.properties.tasks.items.properties.kind.enum).toEqual(['model', 'reviewer']);
  });

  it('asks an invalid plan again with its problems, then refuses it naming them', async () => {
    const cyclic = {
      strategy: 'research',
      tasks: [
        { id: 'a', description: 'A {tasks.c}', kind: 'model', dependsOn: ['c'] },
        { id: 'b', description: 'B', kind: 'model', dependsOn: ['a', 'ghost'] },
        { id: 'c', description: 'C', kind: 'model', dependsOn: ['b'] },
        { id: 'a', description: 'again', kind: 'model', dependsOn: [] },
      ],
    };
    const model = answers(JSON.stringify(cyclic), JSON.stringify({ strategy: 'research', tasks: [{ id: 'x', description: 'X', kind: 'wizard', dependsOn: [] }] }));
    const refused = await planGoal('Tell me about otters', { model }).catch((error: unknown) => error);
    expect(PlanningError.isInstance(refused)).toBe(true);
    const error = refused as PlanningError;
    expect(error.problems).toEqual([expect.stringMatching(/^the answer does not match the plan schema: \/tasks\/0\/kind must be equal to one of the allowed values/)]);
    expect(error.answer).toContain('wizard');
    expect(model.doGenerateCalls).toHaveLength(2);
    const retry = userTextOf(model, 1);
    expect(retry).toContain('duplicate task id "a": every task of a plan needs its own id');
    expect(retry).toContain('task b depends on "ghost", which is not a task of the plan');
    expect(retry).toContain('dependency cycle: a → c → b → a');
    expect(retry).toContain('Answer again with the whole plan, corrected.');
  });

  it('takes a corrected plan on the second ask', async () => {
    const model = answers('this is not json at all', JSON.stringify(goodPlan));
    const plan = await planGoal('How good are solid-state batteries?', { model });
    expect(plan.tasks).toHaveLength(4);
    expect(userTextOf(model, 1)).toContain('- the answer does not match the plan schema: (answer) must be object');
  });

  it('does not ask for the strategy when the goal names one, and checks its options', async () => {
    const model = answers(JSON.stringify({ tasks: goodPlan.tasks }));
    const plan = await planGoal('Write a blog post on batteries', { model });
    expect(plan.strategy).toBe('document');
    const schema = (model.doGenerateCalls[0]!.responseFormat as { schema: { required: string[] } }).schema;
    expect(schema.required).toEqual(['tasks']);
    await expect(planGoal('  ', { model })).rejects.toThrow('the goal is empty');
    await expect(planGoal('x', { model, maxTasks: 0 })).rejects.toThrow('maxTasks must be a whole number ≥ 1, got 0');
    await expect(planGoal('x', { model, strategy: 'poetry' as never })).rejects.toThrow('unknown strategy "poetry"');
  });
});
