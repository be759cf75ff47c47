// Distributed runs through the library, with workers started in this process by `startWorker`
// (the fault tests start real `swarm worker` processes): what travels by name, what cannot, and
// what the workers share.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { bullmqBackend, readDistributedStatus, startWorker, type RunningWorker } from '../../src/distributed/index.ts';
import { deliverOutcome } from '../../src/distributed/worker/deliver-outcome.ts';
import type { JobOutcome } from '../../src/distributed/job-outcome.ts';
import { InvalidInputError, openSwarm, type RunOptions } from '../../src/index.ts';
import type { RowWorker } from '../../src/pass/row-worker.ts';
import { scriptedModel } from '../library/support/scripted-model.ts';
import { testPrefix, testRedisUrl } from '../support/test-redis.ts';

const url = await testRedisUrl();
const schema = { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] };
const empty = { aliases: {}, providers: {}, prices: {} };

/** A coordinator's swarm on a fresh store, on the BullMQ backend under `prefix` (no worker of its own unless `localWorker`). */
function coordinator(prefix: string, { localWorker, config = empty }: { localWorker?: boolean; config?: object } = {}) {
  const root = mkdtempSync(path.join(tmpdir(), 'swarm-distributed-'));
  mkdirSync(path.join(root, 'work'));
  const backend = bullmqBackend({ redis: url!, prefix, ...(localWorker ? { localWorker: { concurrency: 8 } } : {}) });
  const swarm = openSwarm({ dir: path.join(root, 'store'), cwd: path.join(root, 'work'), config, env: {}, backend });
  onTestFinished(async () => {
    swarm.close();
    await backend.close();
    rmSync(root, { recursive: true, force: true });
  });
  return swarm;
}

async function worker(prefix: string, options: Partial<Parameters<typeof startWorker>[0]> = {}): Promise<RunningWorker> {
  const running = await startWorker({ redis: url!, prefix, cwd: tmpdir(), config: empty, env: {}, concurrency: 8, ...options });
  onTestFinished(() => running.close());
  return running;
}

function tasks(count: number) {
  return Array.from({ length: count }, (_, index) => ({ id: `r${index}`, text: `message ${index}` }));
}

describe.skipIf(url === undefined)('distributed passes', () => {
  it('a function travels by its workerKey to workers that register it; without one it cannot leave its process', async () => {
    const prefix = testPrefix(url!);
    const shout: RowWorker = async (row) => ({ label: String(row.text).toUpperCase() });
    await worker(prefix, { functions: { shout } });
    const swarm = coordinator(prefix);
    const table = await swarm.create({ tasks: tasks(20) });
    const options: RunOptions = { instruction: 'x {text}', responseSchema: schema, model: 'mock', worker: async () => ({ label: 'never called here' }) };
    const refused = await swarm.run(table.id, options).catch((error: unknown) => error as Error);
    expect(InvalidInputError.isInstance(refused)).toBe(true);
    expect((refused as Error).message).toContain('cannot travel to other processes');

    const result = await swarm.run(table.id, { ...options, workerKey: 'shout' });
    expect(result).toMatchObject({ completed: 20, failed: 0 });
    expect((await swarm.rows(table.id, { columns: ['label'] }))[3]).toEqual({ id: 'r3', label: 'MESSAGE 3' });
  });

  it("a model instance is answered by the coordinator's own worker only; a model spec by any", async () => {
    const prefix = testPrefix(url!);
    const scripted = scriptedModel(() => ({ label: 'scripted' }));
    const swarm = coordinator(prefix, { localWorker: true });
    const table = await swarm.create({ tasks: tasks(6) });
    const result = await swarm.run(table.id, { instruction: 'x {text}', responseSchema: schema, model: scripted.model, batchSize: 1 });
    expect(result).toMatchObject({ completed: 6, failed: 0 });
    expect(scripted.calls).toHaveLength(6);
  });

  it("stops the run, saying which worker and why, when a worker cannot run the pass (a key it lacks)", async () => {
    const prefix = testPrefix(url!);
    await worker(prefix);
    const swarm = coordinator(prefix);
    const table = await swarm.create({ tasks: tasks(5) });
    const result = await swarm.run(table.id, { instruction: 'x {text}', responseSchema: schema, model: 'openai:gpt-4o-mini', batchSize: 1 });
    expect(result).toMatchObject({ completed: 0, failed: 0, pending: 5, stopped: { reason: 'worker' } });
    expect(result.stopped?.message).toMatch(/^worker .+ cannot run the pass: openai:gpt-4o-mini needs an API key: set the environment variable OPENAI_API_KEY/);
  });

  it('runs no command a pass names unless the worker was told it may (--allow-commands)', async () => {
    const prefix = testPrefix(url!);
    const cautious = await worker(prefix);
    const swarm = coordinator(prefix);
    const table = await swarm.create({ tasks: tasks(3) });
    const stopped = await swarm.run(table.id, { command: 'echo {text}' });
    expect(stopped).toMatchObject({ completed: 0, pending: 3, stopped: { reason: 'worker' } });
    expect(stopped.stopped?.message).toContain('this worker runs no program a pass names: start it with --allow-commands');
    await cautious.close();
    await worker(prefix, { allowCommands: true });
    const result = await swarm.run(table.id, { command: 'echo {text}' });
    expect(result).toMatchObject({ completed: 3, failed: 0 });
    expect((await swarm.rows(table.id, { columns: ['output'] }))[1]).toEqual({ id: 'r1', output: 'message 1' });
  });

  it("reports the calls the workers have in flight for the pass (the progress line's count), and none once it ends", { timeout: 60_000 }, async () => {
    const prefix = testPrefix(url!);
    await worker(prefix, { allowCommands: true });
    const swarm = coordinator(prefix);
    const gate = path.join(mkdtempSync(path.join(tmpdir(), 'swarm-gate-')), 'go');
    onTestFinished(() => rmSync(path.dirname(gate), { recursive: true, force: true }));
    const samples: number[] = [];
    // The commands wait until the workers have reported all three of them in flight.
    swarm.subscribe((event) => {
      if (event.type !== 'workers-sample') return;
      samples.push(event.inFlight);
      if (event.inFlight === 3) writeFileSync(gate, '');
    });
    const table = await swarm.create({ tasks: tasks(3) });
    const result = await swarm.run(table.id, { command: `while [ ! -f '${gate}' ]; do sleep 0.05; done; echo {id}`, concurrency: 3 });
    expect(result).toMatchObject({ completed: 3, failed: 0 });
    expect(samples).toContain(3);
    expect(Math.max(...samples)).toBe(3);
    expect(samples.at(-1)).toBe(0);
  });

  it('holds a budget cap over every worker: exactly maxCalls calls between two of them', async () => {
    const prefix = testPrefix(url!);
    await worker(prefix);
    await worker(prefix);
    const swarm = coordinator(prefix);
    const table = await swarm.create({ tasks: tasks(40) });
    const result = await swarm.run(table.id, { instruction: 'x {text}', responseSchema: schema, model: 'mock:default?latencyMs=20', batchSize: 1, maxCalls: 13 });
    expect(result).toMatchObject({ completed: 13, pending: 27, stopped: { reason: 'budget', cap: 'maxCalls' } });
    expect(result.usage.calls).toBe(13);
    // The second run counts the first's calls: no room left.
    const again = await swarm.run(table.id, { instruction: 'x {text}', responseSchema: schema, model: 'mock:default?latencyMs=20', batchSize: 1, maxCalls: 13 });
    expect(again).toMatchObject({ completed: 0, skipped: 13, stopped: { reason: 'budget' } });
  });

  it('shows the connected workers, their load and the shared limiter state', async () => {
    const prefix = testPrefix(url!);
    const running = await worker(prefix, { concurrency: 5 });
    const swarm = coordinator(prefix, { config: { ...empty, limits: { mock: { requestsPerMinute: 6_000 } } } });
    const table = await swarm.create({ tasks: tasks(30) });
    await swarm.run(table.id, { instruction: 'x {text}', responseSchema: schema, model: 'mock', batchSize: 1 });
    let status = await readDistributedStatus({ redis: url!, prefix });
    for (let waited = 0; waited < 3_000 && status.workers[0]?.jobs !== 30; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await readDistributedStatus({ redis: url!, prefix });
    }
    expect(status.workers).toEqual([expect.objectContaining({ id: running.id, concurrency: 5, active: 0, jobs: 30, rows: 30, silent: false })]);
    expect(status.queue).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
    // The worker's own config states no limit for mock; the coordinator's does not travel.
    expect(status.limiters).toEqual([expect.objectContaining({ key: 'mock|default', source: 'none', inFlight: 0, processes: 1 })]);
  });

  it('says when no worker is connected, and an aborted run leaves its rows pending for the next', { timeout: 60_000 }, async () => {
    const prefix = testPrefix(url!);
    const swarm = coordinator(prefix);
    const warnings: string[] = [];
    swarm.subscribe((event) => {
      if (event.type === 'warning') warnings.push(event.message);
    });
    const table = await swarm.create({ tasks: tasks(10) });
    const controller = new AbortController();
    const waited = (async () => {
      for (let tries = 0; tries < 300 && warnings.length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      controller.abort();
    })();
    const result = await swarm.run(table.id, { instruction: 'x {text}', responseSchema: schema, model: 'mock', abortSignal: controller.signal });
    await waited;
    expect(warnings).toEqual(['no worker is connected to this Redis and prefix: start one with `swarm worker --redis URL`; the run waits for it']);
    expect(result).toMatchObject({ completed: 0, pending: 10, stopped: { reason: 'aborted' } });
    // The dispatches were taken out of the queue: a worker started now finds nothing of that run.
    expect((await readDistributedStatus({ redis: url!, prefix })).queue.waiting).toBe(0);
    await worker(prefix);
    expect(await swarm.run(table.id, { instruction: 'x {text}', responseSchema: schema, model: 'mock' })).toMatchObject({ completed: 10, pending: 0 });
  });

  it("refuses an outcome delivered with a lock token that is not the job's (a stale worker's)", async () => {
    const prefix = testPrefix(url!);
    const redis = new Redis(url!);
    onTestFinished(() => redis.disconnect());
    const lockKey = `${prefix}:dispatches:job-1:lock`;
    await redis.set(lockKey, 'token-of-the-worker-that-has-it', 'PX', 10_000);
    const outcome: JobOutcome = { version: 1, worker: 'w', done: [], failed: [], attempts: [], cache: [], events: [], loops: [], usage: { calls: 0, rateLimited: 0, retries: 0, cached: 0, inputTokens: 0, outputTokens: 0 } };
    const results = `${prefix}:results`;
    expect(await deliverOutcome(redis, { lockKey, results, token: 'stale-token', jobId: 'job-1', outcome })).toBe(false);
    expect(await redis.xlen(results)).toBe(0);
    expect(await deliverOutcome(redis, { lockKey, results, token: 'token-of-the-worker-that-has-it', jobId: 'job-1', outcome })).toBe(true);
    expect(await redis.xlen(results)).toBe(1);
  });
});
