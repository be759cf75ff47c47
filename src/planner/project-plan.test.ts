import { describe, expect, it } from 'vitest';
import type { Plan } from '../plan/plan.ts';
import { createMockModel } from '../model/mock/create-mock-model.ts';
import { planGoal } from './plan-goal.ts';
import { projectPlan } from './project-plan.ts';

const config = {
  aliases: { small: 'acme:small' },
  prices: { 'acme:small': { inputPerMillion: 1, outputPerMillion: 2 }, 'acme:big': { inputPerMillion: 10, outputPerMillion: 20 } },
};

const plan: Plan = {
  tasks: [
    // 400 characters: 100 tokens in; free text: 400 out.
    { id: 'a', description: 'x'.repeat(400) },
    // 10 tokens + a's 400; an agent: two calls sending it, the answer and a tool call out.
    { id: 'b', description: `${'y'.repeat(40)}{tasks.a}`, dependsOn: ['a'], agent: 'reviewer' },
    { id: 'c', description: 'run it', command: 'true' },
    // 81 characters (21 tokens) + b's answer (400) + a's (400); a one-enum schema: 9 tokens out; a critic on acme:big.
    {
      id: 'd',
      description: `${'z'.repeat(80)}{tasks.b} {tasks.a.x}`,
      dependsOn: ['a', 'b'],
      schema: { type: 'object', properties: { verdict: { type: 'string', enum: ['yes', 'no'] } } },
      critic: true,
    },
  ],
};

describe('projectPlan', () => {
  it('counts calls and tokens from prompt sizes, and cost from the models’ prices', () => {
    const projection = projectPlan(plan, { model: 'small', criticModel: 'acme:big', config });
    expect(projection.byTask).toEqual([
      { id: 'a', model: 'acme:small', calls: 1, inputTokens: 100, outputTokens: 400, cost: 900e-6 },
      { id: 'b', model: 'acme:small', calls: 2, inputTokens: 820, outputTokens: 450, cost: 1720e-6 },
      { id: 'c', model: undefined, calls: 0, inputTokens: 0, outputTokens: 0, cost: undefined },
      // The critic: 80 framing + the prompt (821) + the answer (9) in, 23 out, at acme:big's price.
      { id: 'd', model: 'acme:small', calls: 2, inputTokens: 821 + 910, outputTokens: 9 + 23, cost: expect.closeTo(839e-6 + 9_560e-6, 12) },
    ]);
    expect(projection).toMatchObject({ tasks: 4, calls: 5, inputTokens: 2651, outputTokens: 882, unpricedModels: [] });
    expect(projection.cost).toBeCloseTo(13_019e-6, 12);
  });

  it('leaves unpriced models out of the cost and names them; routes tasks as the run would', () => {
    const unpriced = projectPlan({ tasks: [{ id: 'a', description: 'hi' }] }, { model: 'other:thing', config });
    expect(unpriced).toMatchObject({ calls: 1, cost: undefined, unpricedModels: ['other:thing'] });
    const routed = projectPlan(
      { tasks: [{ id: 'list', description: 'List three colors.' }, { id: 'judge', description: 'Evaluate {tasks.list}.', dependsOn: ['list'] }] },
      { route: { fast: 'acme:small', quality: 'acme:big' }, config },
    );
    expect(routed.byTask.map((task) => task.model)).toEqual(['acme:small', 'acme:big']);
    expect(() => projectPlan(plan, { config })).toThrow(/no model chosen/);
  });

  it('projects a planned mock plan at zero cost', async () => {
    const planned = await planGoal('Research the history of tea', { model: createMockModel() });
    const projection = projectPlan(planned, { model: 'mock' });
    expect(projection).toMatchObject({ tasks: 6, calls: 6, cost: 0, unpricedModels: [] });
    // The synthesis is sent the scope's and the analysis' answers.
    const synthesize = projection.byTask.find((task) => task.id === 'synthesize')!;
    expect(synthesize.inputTokens).toBeGreaterThan(800);
  });
});
