import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APICallError, type Experimental_BatchV4, type Experimental_BatchV4ItemResult } from '@ai-sdk/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelConfigError } from '../errors/model-config-error.ts';
import { costOf } from '../model/cost-of.ts';
import { resolveModel } from '../model/resolve-model.ts';
import type { ResolvedModel } from '../model/resolved-model.ts';
import type { ProviderName } from '../simulator/provider-name.ts';
import { startSimulator } from '../simulator/start-simulator.ts';
import type { Simulator } from '../simulator/simulator.ts';
import type { SimulatorOptions } from '../simulator/simulator-options.ts';
import { batchCall, batchSchema, expectValidBatch } from '../simulator/test-support.ts';
import { openStore } from '../store/open-store.ts';
import { sqlForTests } from '../store/sql-for-tests.ts';
import type { Store } from '../store/store.ts';
import { BatchItemError } from './batch-item-error.ts';
import { batchDiscount } from './batch-discount.ts';
import type { ProviderBatchOutcome } from './provider-batch-outcome.ts';
import type { ProviderBatchRequest } from './provider-batch-request.ts';
import { runProviderBatch } from './run-provider-batch.ts';

const specs: Record<ProviderName, { spec: string; keyEnv: string; baseURLEnv: string }> = {
  openai: { spec: 'openai:gpt-4o-mini', keyEnv: 'OPENAI_API_KEY', baseURLEnv: 'OPENAI_BASE_URL' },
  anthropic: { spec: 'anthropic:claude-haiku-4-5', keyEnv: 'ANTHROPIC_API_KEY', baseURLEnv: 'ANTHROPIC_BASE_URL' },
  google: { spec: 'google:gemini-2.5-flash', keyEnv: 'GOOGLE_GENERATIVE_AI_API_KEY', baseURLEnv: 'GOOGLE_GENERATIVE_AI_BASE_URL' },
};

let simulator: Simulator | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function simulate(options: SimulatorOptions): Promise<Simulator> {
  simulator = await startSimulator(options);
  return simulator;
}

/** The real AI SDK provider for `provider`, resolved from its spec as the engine does, pointed at the simulator. */
function modelFor(provider: ProviderName, target: Simulator): ResolvedModel {
  const { spec, keyEnv, baseURLEnv } = specs[provider];
  return resolveModel(spec, { env: { [keyEnv]: 'test-key', [baseURLEnv]: target.baseUrls[provider] } });
}

/** A fresh store folder holding one pass (batch records belong to a pass). */
function storeWithPass(passId: string): { dir: string; open: () => Store } {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarm-batch-'));
  const opened: Store[] = [];
  cleanups.push(() => {
    for (const store of opened) store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = () => {
    const store = openStore(dir);
    opened.push(store);
    return store;
  };
  open().close();
  sqlForTests(dir).run(`INSERT INTO tables (id, source, status, row_count, created_at) VALUES ('t1', 'test', 'ready', 0, 0)`);
  sqlForTests(dir).run(`INSERT INTO passes (id, table_id, instruction, response_schema, model, status, created_at, updated_at)
    VALUES (?, 't1', 'classify', '{}', 'm', 'running', 0, 0)`, passId);
  return { dir, open };
}

/** One item per row: the engine's dispatch of a single row. */
function requestsFor(count: number): ProviderBatchRequest[] {
  return Array.from({ length: count }, (_, index) => {
    const { prompt, maxOutputTokens } = batchCall([`row-${index}`]);
    return { id: `dispatch:${index}`, prompt, schema: batchSchema as Record<string, unknown>, maxOutputTokens: maxOutputTokens ?? 1000 };
  });
}

/** onResult that keeps every call, to check each item is handed on exactly once. */
function collector() {
  const calls: Array<[string, ProviderBatchOutcome]> = [];
  return { calls, onResult: (itemId: string, outcome: ProviderBatchOutcome) => void calls.push([itemId, outcome]) };
}

function answerOf(outcome: ProviderBatchOutcome): string {
  if ('error' in outcome) throw outcome.error;
  return outcome.text;
}

const providers: ProviderName[] = ['openai', 'anthropic', 'google'];

describe.each(providers)('runProviderBatch through %s', (provider) => {
  it('harvests every item exactly once, at half price', async () => {
    const target = await simulate({ batch: { completeAfterMs: 50 } });
    const model = modelFor(provider, target);
    const { calls, onResult } = collector();
    const summary = await runProviderBatch({ passId: 'p1', model, requests: requestsFor(12), pollIntervalMs: 20, onResult });

    expect(summary).toEqual({ submitted: 1, resumed: 0, succeeded: 12, failed: 0, resubmitted: 0 });
    expect(calls.map(([itemId]) => itemId).sort()).toEqual(requestsFor(12).map((request) => request.id).sort());
    for (const [itemId, outcome] of calls) expectValidBatch(answerOf(outcome), [`row-${itemId.split(':')[1]}`]);

    const counts = target.stats().batch[provider];
    expect(counts).toMatchObject({ created: 1, requests: 12, succeeded: 12, expired: 0 });
    expect(target.stats().total.received).toBe(0);
    // The cost handed on is the online cost less the discount, and matches what the provider billed.
    const price = model.price!;
    let cost = 0;
    for (const [, outcome] of calls) {
      if ('error' in outcome) continue;
      expect(outcome.cost).toBeCloseTo(costOf(outcome.usage, price)! * (1 - batchDiscount), 12);
      cost += outcome.cost!;
    }
    expect(batchDiscount).toBe(0.5);
    expect(cost).toBeCloseTo((counts.billedInputTokens * price.inputPerMillion + counts.billedOutputTokens * price.outputPerMillion) / 1e6, 12);
  });

  it('submits expired items again until they complete', async () => {
    const target = await simulate({ batch: { completeAfterMs: 30, expireFraction: 0.3 }, seed: 7 });
    const { calls, onResult } = collector();
    const summary = await runProviderBatch({ passId: 'p1', model: modelFor(provider, target), requests: requestsFor(20), pollIntervalMs: 10, maxResubmits: 10, onResult });

    expect(summary.succeeded).toBe(20);
    expect(summary.resubmitted).toBeGreaterThan(0);
    expect(new Set(calls.map(([itemId]) => itemId)).size).toBe(20);
    expect(calls).toHaveLength(20);
    const counts = target.stats().batch[provider];
    expect(counts.created).toBe(summary.submitted);
    expect(counts.created).toBeGreaterThan(1);
    expect(counts.expired).toBe(summary.resubmitted);
    expect(counts.succeeded).toBe(20);
  });

  it('after a restart, polls the batch it had submitted instead of paying for a new one', async () => {
    const target = await simulate({ batch: { completeAfterMs: 400 } });
    const { open } = storeWithPass('p1');
    const requests = requestsFor(6);

    const firstRun = new AbortController();
    const firstStore = open();
    const first = collector();
    const running = runProviderBatch({ store: firstStore, passId: 'p1', model: modelFor(provider, target), requests, pollIntervalMs: 20, abortSignal: firstRun.signal, onResult: first.onResult });
    await expect.poll(() => sqlForTests(firstStore.dir).get('SELECT count(*) AS n FROM provider_batches')).toEqual({ n: 1 });
    firstRun.abort(new Error('process killed'));
    await expect(running).rejects.toThrow('process killed');
    firstStore.close();
    expect(first.calls).toEqual([]);

    // A new process: a fresh store handle and model; the engine still wants every item.
    const second = collector();
    const summary = await runProviderBatch({ store: open(), passId: 'p1', model: modelFor(provider, target), requests, pollIntervalMs: 20, onResult: second.onResult });
    expect(summary).toEqual({ submitted: 0, resumed: 1, succeeded: 6, failed: 0, resubmitted: 0 });
    expect(second.calls.map(([itemId]) => itemId).sort()).toEqual(requests.map((request) => request.id).sort());
    expect(target.stats().batch[provider]).toMatchObject({ created: 1, requests: 6 });
    const rows = sqlForTests(open().dir).all('SELECT provider, status, attempt FROM provider_batches');
    expect(rows).toEqual([{ provider, status: 'harvested', attempt: 0 }]);
  });
});

describe('runProviderBatch', () => {
  it('refuses a provider without a batch API before sending anything', async () => {
    const error = await runProviderBatch({ passId: 'p1', model: resolveModel('mock:default'), requests: requestsFor(2), onResult: () => {} }).catch((caught: unknown) => caught);
    expect(ModelConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/mock:default has no batch API/);
  });

  it('hands on only the items a re-run still wants, and abandons batches it wants nothing from', async () => {
    const target = await simulate({ batch: { completeAfterMs: 300 } });
    const { open } = storeWithPass('p1');
    const model = modelFor('anthropic', target);
    const requests = requestsFor(8);
    const firstRun = new AbortController();
    const firstStore = open();
    const running = runProviderBatch({ store: firstStore, passId: 'p1', model, requests, maxRequestsPerBatch: 4, pollIntervalMs: 20, abortSignal: firstRun.signal, onResult: () => {} });
    await expect.poll(() => sqlForTests(firstStore.dir).get('SELECT count(*) AS n FROM provider_batches')).toEqual({ n: 2 });
    firstRun.abort();
    await expect(running).rejects.toThrow();

    // Items 0–3 were answered meanwhile (say, online): only 5 and 6 are still wanted.
    const { calls, onResult } = collector();
    const wanted = [requests[5]!, requests[6]!];
    const summary = await runProviderBatch({ store: open(), passId: 'p1', model, requests: wanted, pollIntervalMs: 20, onResult });
    expect(summary).toMatchObject({ submitted: 0, resumed: 1, succeeded: 2 });
    expect(calls.map(([itemId]) => itemId).sort()).toEqual(['dispatch:5', 'dispatch:6']);
    expect(sqlForTests(open().dir).all('SELECT status FROM provider_batches ORDER BY id')).toEqual([{ status: 'abandoned' }, { status: 'harvested' }]);
    expect(target.stats().batch.anthropic.created).toBe(2);
  });

  it('splits large submissions and harvests each batch as it ends', async () => {
    const target = await simulate({ batch: { completeAfterMs: 20 } });
    const { calls, onResult } = collector();
    const summary = await runProviderBatch({ passId: 'p1', model: modelFor('openai', target), requests: requestsFor(5), maxRequestsPerBatch: 2, pollIntervalMs: 10, onResult });
    expect(summary).toMatchObject({ submitted: 3, succeeded: 5 });
    expect(calls).toHaveLength(5);
    expect(target.stats().batch.openai).toMatchObject({ created: 3, requests: 5 });
  });

  it.each(providers)('resubmits transient %s failures, then hands on a retryable BatchItemError', async (provider) => {
    const target = await simulate({ batch: { completeAfterMs: 10 }, faults: { serverErrorRate: 1 } });
    const { calls, onResult } = collector();
    const summary = await runProviderBatch({ passId: 'p1', model: modelFor(provider, target), requests: requestsFor(2), maxResubmits: 1, pollIntervalMs: 5, onResult });
    expect(summary).toEqual({ submitted: 2, resumed: 0, succeeded: 0, failed: 2, resubmitted: 2 });
    for (const [, outcome] of calls) {
      expect('error' in outcome && BatchItemError.isInstance(outcome.error)).toBe(true);
      const error = (outcome as { error: BatchItemError }).error;
      expect(error).toMatchObject({ name: 'BatchItemError', end: 'failed', isRetryable: true, submissions: 2 });
    }
    expect(target.stats().batch[provider]).toMatchObject({ created: 2, errored: 4, billedInputTokens: 0 });
  });

  it('hands on answers broken by injected faults as text, for the engine to repair or retry', async () => {
    const target = await simulate({ batch: { completeAfterMs: 10 }, faults: { malformedRate: 1 } });
    const { calls, onResult } = collector();
    await runProviderBatch({ passId: 'p1', model: modelFor('google', target), requests: requestsFor(1), pollIntervalMs: 5, onResult });
    expect(answerOf(calls[0]![1])).toContain('```json');
  });

  it('keeps polling through transient failures to read a status or the results, handing each item on once', async () => {
    const target = await simulate({ batch: { completeAfterMs: 20 } });
    const model = modelFor('openai', target);
    const real = model.batch!;
    const unavailable = () => new APICallError({ message: 'Service Unavailable', url: target.url, requestBodyValues: {}, statusCode: 503, isRetryable: true });
    let statusFailures = 2;
    let resultFailures = 1;
    const flaky: Experimental_BatchV4 = {
      specificationVersion: 'v4',
      provider: real.provider,
      supportedUrls: real.supportedUrls,
      doStartBatch: (options) => real.doStartBatch(options),
      doGetBatchStatus: (options) => (statusFailures-- > 0 ? Promise.reject(unavailable()) : real.doGetBatchStatus(options)),
      async doGetBatchResults(options) {
        const stream = await real.doGetBatchResults(options);
        if (resultFailures-- <= 0) return stream;
        // The download breaks after the first result.
        const reader = stream.getReader();
        const first = await reader.read();
        return new ReadableStream<Experimental_BatchV4ItemResult>({
          start(controller) {
            if (!first.done) controller.enqueue(first.value);
            controller.error(unavailable());
          },
        });
      },
    };
    const { calls, onResult } = collector();
    const summary = await runProviderBatch({ passId: 'p1', model: { ...model, batch: flaky }, requests: requestsFor(4), pollIntervalMs: 10, onResult });
    expect(summary).toMatchObject({ submitted: 1, succeeded: 4 });
    expect(calls.map(([itemId]) => itemId).sort()).toEqual(requestsFor(4).map((request) => request.id).sort());
    expect(statusFailures).toBeLessThan(0);
    expect(resultFailures).toBeLessThan(0);
  });
});
