import { describe, expect, it } from 'vitest';
import { labelSchema, numberedTasks, tempSwarm } from './support/temp-swarm.ts';

const priced = { aliases: {}, providers: {}, prices: { 'mock:default': { inputPerMillion: 1000, outputPerMillion: 2000 } } };
const pass = { instruction: 'Label {text}', responseSchema: labelSchema, model: 'mock', batchSize: 1 } as const;

function providerCalls(query: ReturnType<typeof tempSwarm>['query'], passId: string): number {
  return query<{ n: number }>('SELECT count(*) AS n FROM attempts WHERE pass_id = ?', passId)[0]!.n;
}

describe('response cache', () => {
  it('answers a done pass re-run on a fresh table from the cache: 0 provider calls, same answers', async () => {
    const { swarm, query } = tempSwarm();
    const first = await swarm.create({ tasks: numberedTasks(20) });
    const done = await swarm.run(first.id, pass);
    expect(done.usage.calls).toBe(20);

    const second = await swarm.create({ tasks: numberedTasks(20) });
    const again = await swarm.run(second.id, pass);
    expect(again).toMatchObject({ completed: 20, failed: 0 });
    expect(again.usage).toMatchObject({ calls: 0, cached: 20 });
    expect(providerCalls(query, again.passId)).toBe(0);
    // Cached answers are counted on the pass, not kept as attempts.
    expect(query('SELECT cached_calls, cached_rows FROM passes WHERE id = ?', again.passId)).toEqual([{ cached_calls: 20, cached_rows: 20 }]);
    expect(query('SELECT count(*) AS n FROM attempts WHERE pass_id = ?', again.passId)).toEqual([{ n: 0 }]);
    expect(await swarm.rows(second.id, { columns: ['label', 'score'] })).toEqual(await swarm.rows(first.id, { columns: ['label', 'score'] }));
  });

  it('never caches a failure, and `cache: false` always calls the provider', async () => {
    const { swarm } = tempSwarm();
    const broken = await swarm.create({ tasks: numberedTasks(5) });
    const failed = await swarm.run(broken.id, { ...pass, model: 'mock:default?malformedRate=1' });
    expect(failed.failed).toBe(5);
    const retried = await swarm.create({ tasks: numberedTasks(5) });
    const second = await swarm.run(retried.id, { ...pass, model: 'mock:default?malformedRate=1' });
    expect(second.usage.calls).toBe(10);

    const fresh = await swarm.create({ tasks: numberedTasks(5) });
    await swarm.run(fresh.id, pass);
    const uncached = await swarm.create({ tasks: numberedTasks(5) });
    expect((await swarm.run(uncached.id, { ...pass, cache: false })).usage.calls).toBe(5);
  });
});

describe('budgets', () => {
  it('stops cleanly before passing maxCost, says which cap, and resumes on a later run', async () => {
    const { swarm } = tempSwarm({ config: priced });
    const table = await swarm.create({ tasks: numberedTasks(30) });
    const capped = await swarm.run(table.id, { ...pass, concurrency: 1, maxCost: 0.5 });
    expect(capped.stopped?.reason).toBe('budget');
    expect(capped.stopped?.message).toContain('maxCost $0.5000 reached');
    expect(capped.usage.cost).toBeLessThanOrEqual(0.5);
    expect(capped.completed).toBeGreaterThan(0);
    expect(capped.completed + capped.pending).toBe(30);

    const resumed = await swarm.run(table.id, { ...pass });
    expect(resumed).toMatchObject({ skipped: capped.completed, completed: 30 - capped.completed, failed: 0 });
  });

  it('with many calls in flight, spends up to the cap rather than stopping at what they were estimated at', async () => {
    const { swarm, query } = tempSwarm({ config: priced });
    const table = await swarm.create({ tasks: numberedTasks(200) });
    const capped = await swarm.run(table.id, { ...pass, concurrency: 16, maxCost: 1 });
    const costs = query<{ cost: number }>('SELECT cost FROM attempts WHERE pass_id = ?', capped.passId).map((row) => row.cost);
    const spent = costs.reduce((sum, cost) => sum + cost, 0);
    expect(capped.stopped?.reason).toBe('budget');
    expect(spent).toBeLessThanOrEqual(1);
    // Stopped for want of room for one more call, not for the estimates of sixteen.
    expect(spent).toBeGreaterThan(1 - 2 * Math.max(...costs));
    expect(capped.stopped?.message).toMatch(/^maxCost \$1\.0000 reached: \$0\.\d{4} spent, and the next call would need about \$0\.\d+/);
  });

  it('counts maxCalls and maxTokens over every run of the pass', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(12) });
    const first = await swarm.run(table.id, { ...pass, concurrency: 2, maxCalls: 5 });
    expect(first).toMatchObject({ completed: 5, pending: 7, stopped: { reason: 'budget' } });
    expect(first.stopped?.message).toContain('maxCalls 5 reached');
    const second = await swarm.run(table.id, { ...pass, concurrency: 2, maxCalls: 8 });
    expect(second).toMatchObject({ completed: 3, skipped: 5, pending: 4 });
    const tokens = await swarm.run(table.id, { ...pass, maxTokens: 1 });
    expect(tokens.stopped?.message).toContain('maxTokens 1 reached');
  });

  it('holds maxDailyCost across passes of the store', async () => {
    const { swarm, query } = tempSwarm({ config: { ...priced, budget: { maxDailyCost: 0.6 } } });
    const table = await swarm.create({ tasks: numberedTasks(10) });
    // The first pass's own cap leaves about half the day's.
    const first = await swarm.run(table.id, { ...pass, concurrency: 1, maxCost: 0.3 });
    expect(first.stopped?.message).toContain('maxCost');
    const other = await swarm.run(table.id, { ...pass, instruction: 'Label again {text}', responseSchema: { type: 'object', properties: { other: { type: 'string' } }, required: ['other'] }, concurrency: 1 });
    // The second pass gets what the first left of the day's cap: some rows, not all.
    expect(other.completed).toBeGreaterThan(0);
    expect(other.completed).toBeLessThan(10);
    expect(other.stopped?.message).toContain('maxDailyCost');
    const [{ spent }] = query<{ spent: number }>('SELECT sum(cost) AS spent FROM attempts');
    expect(spent).toBeGreaterThan(0.3);
    expect(spent).toBeLessThanOrEqual(0.6);
  });

  it('rejects a cost cap on a model without a price before any call', async () => {
    const { swarm, query } = tempSwarm({ env: { OPENAI_API_KEY: 'sk-test-not-used' } });
    const table = await swarm.create({ tasks: numberedTasks(2) });
    await expect(swarm.run(table.id, { ...pass, model: 'openai:model-without-a-price', maxCost: 1 })).rejects.toThrow(
      'openai:model-without-a-price has no price',
    );
    expect(query('SELECT * FROM attempts')).toHaveLength(0);
  });
});

describe('dry run', () => {
  it('estimates calls, tokens and cost without calling, and counts cached calls', async () => {
    const { swarm, query } = tempSwarm({ config: priced });
    const table = await swarm.create({ tasks: numberedTasks(25) });
    const estimate = await swarm.estimate(table.id, { ...pass, batchSize: 10 });
    expect(estimate).toMatchObject({ rows: 25, skipped: 0, calls: 3, cachedCalls: 0 });
    expect(estimate.inputTokens).toBeGreaterThan(0);
    expect(estimate.cost).toBeGreaterThan(0);
    expect(query('SELECT * FROM attempts')).toHaveLength(0);

    const result = await swarm.run(table.id, { ...pass, batchSize: 10 });
    const copy = await swarm.create({ tasks: numberedTasks(25) });
    const cachedEstimate = await swarm.estimate(copy.id, { ...pass, batchSize: 10 });
    expect(cachedEstimate).toMatchObject({ calls: 0, cachedCalls: 3 });
    expect(result.usage.inputTokens).toBe(estimate.inputTokens);
  });

  it('says which caps the pass would reach, and how far it would get', async () => {
    const { swarm } = tempSwarm({ config: priced });
    const table = await swarm.create({ tasks: numberedTasks(20) });
    const estimate = await swarm.estimate(table.id, { ...pass, maxCalls: 5, maxTokens: 1_000_000 });
    expect(estimate.capsReached).toEqual(['maxCalls 5: the pass would stop after about 5 of its 20 calls']);
    await swarm.run(table.id, { ...pass, maxCalls: 5 });
    const again = await swarm.estimate(table.id, { ...pass, maxCalls: 5 });
    expect(again.capsReached).toEqual(['maxCalls 5 (5 already spent): the pass would stop before its first call']);
    await expect(swarm.run(table.id, { ...pass, maxTokens: 1.5 })).rejects.toThrow('maxTokens must be a whole number ≥ 0, got 1.5');
  });
});
