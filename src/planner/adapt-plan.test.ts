import type { LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createMockModel } from '../model/mock/create-mock-model.ts';
import type { Plan } from '../plan/plan.ts';
import { adaptPlan } from './adapt-plan.ts';
import { planProblems } from './plan-problems.ts';

function answering(value: unknown): MockLanguageModelV4 {
  const result: LanguageModelV4GenerateResult = {
    content: [{ type: 'text', text: JSON.stringify(value) }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage: { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } },
    warnings: [],
  };
  return new MockLanguageModelV4({ doGenerate: result });
}

const plan: Plan = {
  goal: 'Compare two databases',
  tasks: [
    { id: 'search', description: 'Search for benchmarks' },
    { id: 'read', description: 'Read {tasks.search}', dependsOn: ['search'] },
    { id: 'report', description: 'Report on {tasks.read} and {tasks.search}', dependsOn: ['read', 'search'] },
  ],
};

describe('adaptPlan', () => {
  it('adds follow-ups after a finished task, and the tasks not started that depended on it wait for them', async () => {
    const model = answering({ tasks: [{ name: 'Verify the claim', description: 'Check the 10x claim.', kind: 'model' }] });
    const { plan: adapted, added } = await adaptPlan(plan, plan.tasks[0]!, 'BROADCAST: 10x faster', { model, notStarted: ['report'] });
    expect(added).toEqual([{ id: 'search-verify-the-claim', description: 'Check the 10x claim.\n\nResult of search:\n{tasks.search}', dependsOn: ['search'] }]);
    expect(adapted.tasks.map((task) => task.id)).toEqual(['search', 'read', 'report', 'search-verify-the-claim']);
    const report = adapted.tasks.find((task) => task.id === 'report')!;
    expect(report.dependsOn).toEqual(['read', 'search', 'search-verify-the-claim']);
    expect(report.description).toContain('{tasks.search-verify-the-claim}');
    // `read` has started: it is left alone.
    expect(adapted.tasks[1]).toBe(plan.tasks[1]);
    expect(plan.tasks).toHaveLength(3);
    expect(planProblems(adapted)).toEqual([]);
    const prompt = JSON.stringify(model.doGenerateCalls[0]!.prompt);
    expect(prompt).toContain('Goal of the plan: Compare two databases');
    expect(prompt).toContain('BROADCAST: 10x faster');
  });

  it('stays within its bounds: maxAdded in the schema, maxTasks over the run, no call without room', async () => {
    const model = answering({ tasks: [] });
    const maxItemsAsked = (call: number) =>
      (model.doGenerateCalls[call]!.responseFormat as { schema: { properties: { tasks: { maxItems: number } } } }).schema.properties.tasks.maxItems;
    await adaptPlan(plan, plan.tasks[0]!, 'x', { model, maxAdded: 2 });
    expect(maxItemsAsked(0)).toBe(2);
    await adaptPlan(plan, plan.tasks[0]!, 'x', { model, maxAdded: 5, maxTasks: 4 });
    expect(maxItemsAsked(1)).toBe(1);
    const none = await adaptPlan(plan, plan.tasks[0]!, 'x', { model, maxTasks: 3 });
    expect(none).toEqual({ plan, added: [] });
    expect(await adaptPlan(plan, plan.tasks[0]!, 'x', { model, maxAdded: 0 })).toEqual({ plan, added: [] });
    expect(model.doGenerateCalls).toHaveLength(2);
  });

  it('refuses a proposal past its bound or of an unknown kind, leaving the plan as it was', async () => {
    const many = answering({ tasks: [1, 2, 3].map((n) => ({ name: `t${n}`, description: 'x', kind: 'model' })) });
    const refused = await adaptPlan(plan, plan.tasks[0]!, 'x', { model: many, maxAdded: 2 });
    expect(refused.plan).toBe(plan);
    expect(refused.problems).toEqual(['the proposal does not match its schema: /tasks must NOT have more than 2 items']);
    const wizard = await adaptPlan(plan, plan.tasks[0]!, 'x', { model: answering({ tasks: [{ name: 'w', description: 'x', kind: 'wizard' }] }) });
    expect(wizard.added).toEqual([]);
    expect(wizard.problems![0]).toMatch(/kind must be equal to one of the allowed values/);
  });

  it('gives unique ids, and on mock adds a bounded number of valid tasks deterministically', async () => {
    const twice = answering({ tasks: [{ name: 'read', description: 'a', kind: 'model' }, { name: 'read', description: 'b', kind: 'model' }] });
    const withClash = { ...plan, tasks: [...plan.tasks, { id: 'search-read', description: 'taken' }] };
    const { added } = await adaptPlan(withClash, plan.tasks[0]!, 'x', { model: twice });
    expect(added.map((task) => task.id)).toEqual(['search-read-2', 'search-read-3']);
    const first = await adaptPlan(plan, plan.tasks[0]!, 'result', { model: createMockModel(), maxAdded: 2 });
    expect(first.added.length).toBeGreaterThanOrEqual(1);
    expect(first.added.length).toBeLessThanOrEqual(2);
    expect(planProblems(first.plan)).toEqual([]);
    expect(await adaptPlan(plan, plan.tasks[0]!, 'result', { model: createMockModel(), maxAdded: 2 })).toEqual(first);
  });
});
