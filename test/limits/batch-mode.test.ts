import { describe, expect, it } from 'vitest';
import type { ProviderName } from '../../src/simulator/index.ts';
import { instruction, modelSpecs, numberedRows, sentimentSchema, simulatedSwarm } from './support/simulated-swarm.ts';

const providers: ProviderName[] = ['openai', 'anthropic', 'google'];

describe.each(providers)('%s passes in batch mode', (provider) => {
  it('answer every row through the batch API at half price, and a re-run pays nothing more', async () => {
    const { swarm, simulator, query, reopen } = await simulatedSwarm({ batch: { completeAfterMs: 50, expireFraction: 0.2 }, seed: 3 });
    const table = await swarm.create({ tasks: numberedRows(24) });
    const options = { instruction, responseSchema: sentimentSchema, model: modelSpecs[provider], batchSize: 4, mode: 'batch', batchPollIntervalMs: 20 } as const;

    const result = await swarm.run(table.id, options);

    expect(result).toMatchObject({ completed: 24, failed: 0, pending: 0 });
    const batchStats = simulator.stats().batch[provider];
    expect(batchStats.created).toBeGreaterThanOrEqual(1);
    // Every row answered through the batch API or, for what it could not answer, online.
    const online = simulator.stats().perKeyModel.filter((entry) => entry.provider === provider).reduce((sum, entry) => sum + entry.accepted, 0);
    expect(batchStats.succeeded + online).toBeGreaterThanOrEqual(6);
    const [{ batchCost }] = query<{ batchCost: number }>(`SELECT sum(cost) AS batchCost FROM attempts WHERE status = 'ok'`);
    const [{ tokens }] = query<{ tokens: number }>(`SELECT sum(input_tokens + output_tokens) AS tokens FROM attempts WHERE status = 'ok'`);
    expect(tokens).toBeGreaterThan(0);
    expect(batchCost).toBeGreaterThan(0);
    const rows = await swarm.rows(table.id, { filter: { column: 'sentiment', exists: true } });
    expect(rows).toHaveLength(24);

    const createdBefore = simulator.stats().batch[provider].created;
    const again = await reopen().swarm.run(table.id, options);
    expect(again).toMatchObject({ completed: 0, skipped: 24 });
    expect(simulator.stats().batch[provider].created).toBe(createdBefore);
  });
});

describe('batch mode and cut-off answers', () => {
  it('never keeps a batch item the model cut off at maxOutputTokens', async () => {
    const { swarm, requestLog } = await simulatedSwarm({ batch: { completeAfterMs: 20 }, seed: 3 });
    const table = await swarm.create({ tasks: numberedRows(3) });
    const longSchema = { type: 'object', properties: { essay: { type: 'string', minLength: 400 } }, required: ['essay'] };

    const result = await swarm.run(table.id, { instruction, responseSchema: longSchema, model: modelSpecs.openai, batchSize: 1, maxOutputTokens: 20, mode: 'batch', batchPollIntervalMs: 10 });

    expect(result).toMatchObject({ completed: 0, failed: 3 });
    expect(result.failures.map((failure) => failure.errorClass)).toEqual(['truncated', 'truncated', 'truncated']);
    // Nothing was asked again online: a cut at the user's cap would be cut again.
    expect(requestLog('openai')).toEqual([]);
  });
});

describe('batch mode stops', () => {
  it('an abort while polling ends the pass stopped, rows pending, instead of throwing', async () => {
    const { swarm, query } = await simulatedSwarm({ batch: { completeAfterMs: 5000 }, seed: 3 });
    const table = await swarm.create({ tasks: numberedRows(8) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const options = { instruction, responseSchema: sentimentSchema, model: modelSpecs.openai, batchSize: 4, mode: 'batch', batchPollIntervalMs: 20 } as const;
    const result = await swarm.run(table.id, { ...options, abortSignal: controller.signal });
    expect(result).toMatchObject({ completed: 0, pending: 8, stopped: { reason: 'aborted' } });
    expect(query<{ status: string }>('SELECT status FROM passes')).toEqual([{ status: 'stopped' }]);
  });

  it('a budget cap submits and harvests what it affords, then stops with the rest pending', async () => {
    const { swarm } = await simulatedSwarm({ batch: { completeAfterMs: 50 }, seed: 3 });
    const table = await swarm.create({ tasks: numberedRows(8) });
    const options = { instruction, responseSchema: sentimentSchema, model: modelSpecs.openai, batchSize: 1, mode: 'batch', batchPollIntervalMs: 20, maxCalls: 3 } as const;
    const result = await swarm.run(table.id, options);
    expect(result).toMatchObject({ completed: 3, pending: 5, stopped: { reason: 'budget' } });
  });
});

describe('batch mode checks', () => {
  it('refuses a model without a batch API before any call', async () => {
    const { swarm } = await simulatedSwarm();
    const table = await swarm.create({ tasks: numberedRows(2) });
    await expect(swarm.run(table.id, { instruction, responseSchema: sentimentSchema, model: 'mock', mode: 'batch' })).rejects.toThrow('has no batch API');
  });
});
