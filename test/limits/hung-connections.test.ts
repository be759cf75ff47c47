import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ProviderName, Simulator } from '../../src/simulator/index.ts';
import { instruction, modelSpecs, numberedRows, sentimentSchema, simulatedSwarm } from './support/simulated-swarm.ts';

const providers: ProviderName[] = ['openai', 'anthropic', 'google'];
const rows = 16;

/** The simulator's calls in flight once the server has seen every disconnect (or after a second). */
async function settledInFlight(simulator: Simulator): Promise<number> {
  for (let waited = 0; waited < 1_000 && simulator.stats().total.inFlight > 0; waited += 10) await sleep(10);
  return simulator.stats().total.inFlight;
}

describe.each(providers)('%s never answering 20 % of calls', (provider) => {
  it('times the hung calls out, answers every row, and leaves no call open on the server', async () => {
    const { swarm, simulator, events, requestLog } = await simulatedSwarm({ faults: { hangRate: 0.2 } });
    const table = await swarm.create({ tasks: numberedRows(rows) });

    const result = await swarm.run(table.id, { instruction, responseSchema: sentimentSchema, model: modelSpecs[provider], batchSize: 1, timeoutMs: 300 });

    expect(result).toMatchObject({ completed: rows, failed: 0, pending: 0 });
    const hung = requestLog(provider).filter((entry) => entry.outcome === 'hang').length;
    expect(hung).toBeGreaterThan(0);
    const timeouts = events.filter((event) => event.type === 'dispatch-end' && event.errorClass === 'timeout');
    // Every hung call timed out; on a loaded machine an answered call may take longer than 300 ms too.
    expect(timeouts.length).toBeGreaterThanOrEqual(hung);
    // Each hung call was cut off by Swarm: the server saw its client leave.
    expect(await settledInFlight(simulator)).toBe(0);
  });
});

describe('a cost cap with calls that hang', () => {
  it('counts a timed-out call at its estimate, and stops at the cap instead of waiting on it forever', async () => {
    const { swarm, query } = await simulatedSwarm({ faults: { hangRate: 0.3 } });
    const table = await swarm.create({ tasks: numberedRows(200) });

    // About a hundred calls' worth at gpt-4o-mini's list price.
    const result = await swarm.run(table.id, { instruction, responseSchema: sentimentSchema, model: modelSpecs.openai, batchSize: 1, concurrency: 8, timeoutMs: 300, maxCost: 0.001 });

    expect(result.stopped).toMatchObject({ reason: 'budget' });
    expect(result.completed).toBeGreaterThan(0);
    expect(result.completed + result.pending).toBe(200);
    const [{ timedOut }] = query<{ timedOut: number }>(`SELECT count(*) AS timedOut FROM attempts WHERE error_class = 'timeout'`);
    expect(timedOut).toBeGreaterThan(0);
  }, 60_000);
});
