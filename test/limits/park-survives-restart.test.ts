import { describe, expect, it } from 'vitest';
import type { LimitShape } from '../../src/simulator/index.ts';
import { instruction, modelSpecs, numberedRows, sentimentSchema, simulatedSwarm } from './support/simulated-swarm.ts';

// Long enough that the first process's 429, abort and close fit well before the deadline on a loaded machine.
const retryAfterMs = 3_000;
const rows = 6;
// A limit in force, so 429s and answers carry its headers; the restarted burst of 6 fits in it in
// either shape (a bucket of 10 when enforced per second).
const requestsPerMinute = 600;

describe.each(['per-minute', 'per-second'] as LimitShape[])('a key parked by a 429, then a restart, its limit enforced %s', (shape) => {
  it('holds every call of the new process until the provider deadline', async () => {
    const { swarm, simulator, events, requestLog, reopen } = await simulatedSwarm({
      limits: { requestsPerMinute },
      limitShape: shape,
      faults: { rateLimitRate: 1, rateLimitRetryAfterMs: retryAfterMs },
    });
    const table = await swarm.create({ tasks: numberedRows(rows) });
    const options = { instruction, responseSchema: sentimentSchema, model: modelSpecs.openai, batchSize: 1 };

    const controller = new AbortController();
    swarm.subscribe((event) => {
      if (event.type === 'rate-limit') controller.abort();
    });
    // One call at a time, so no call of this process is still on its way after the restart.
    const first = await swarm.run(table.id, { ...options, concurrency: 1, abortSignal: controller.signal });
    expect(first).toMatchObject({ completed: 0, pending: rows, stopped: { reason: 'aborted' } });
    const deadline = Math.max(...events.flatMap((event) => (event.type === 'rate-limit' ? [event.parkedUntil] : [])));
    swarm.close();

    // The provider recovers; a new process opens the same store well before the deadline.
    simulator.setFaults({ rateLimitRate: 0 });
    const restarted = reopen();
    const restartedAt = Date.now();
    expect(deadline - restartedAt).toBeGreaterThan(1_000);
    const second = await restarted.swarm.run(table.id, options);

    expect(second).toMatchObject({ completed: rows, failed: 0, pending: 0 });
    const log = requestLog('openai');
    const refusedAt = log.filter((entry) => entry.atMs < restartedAt).map((entry) => entry.atMs);
    expect(refusedAt).toHaveLength(1);
    const resumed = log.filter((entry) => entry.atMs >= restartedAt);
    expect(resumed).toHaveLength(rows);
    const firstResumedAt = Math.min(...resumed.map((entry) => entry.atMs));
    expect(firstResumedAt).toBeGreaterThanOrEqual(deadline);
    expect(firstResumedAt).toBeGreaterThanOrEqual(refusedAt[0]! + retryAfterMs);
    expect(restarted.events.filter((event) => event.type === 'rate-limit')).toEqual([]);
  });
});
