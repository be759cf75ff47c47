import { describe, expect, it } from 'vitest';
import type { ProviderName } from '../../src/simulator/index.ts';
import { instruction, modelSpecs, numberedRows, sentimentSchema, simulatedSwarm } from './support/simulated-swarm.ts';

const requestsPerMinute = 600;
// The first 600 go at once; the last 10 are paced at 10 a second by the limit learned from headers.
const rows = 610;

describe.each(['openai', 'anthropic'] as ProviderName[])('%s announcing its limits in headers', (provider) => {
  it('learns the limit from the headers and stays under it', async () => {
    const { swarm, events, requestLog } = await simulatedSwarm({ limits: { requestsPerMinute } });
    const table = await swarm.create({ tasks: numberedRows(rows) });

    const result = await swarm.run(table.id, { instruction, responseSchema: sentimentSchema, model: modelSpecs[provider], batchSize: 1 });

    expect(result).toMatchObject({ completed: rows, failed: 0, pending: 0 });
    const passStart = events.find((event) => event.type === 'pass-start')!;
    expect(swarm.context.limiters.find(passStart.limiterKey)?.snapshot()).toMatchObject({ source: 'header', limits: { requestsPerMinute } });
    const log = requestLog(provider);
    const refused = log.filter((entry) => entry.status === 429).length;
    expect(refused).toBeLessThanOrEqual(log.length * 0.005);
    // The limit bound: the last rows waited for it to refill.
    expect(log.at(-1)!.atMs - log[0]!.atMs).toBeGreaterThan(((rows - requestsPerMinute - 1) / requestsPerMinute) * 60_000 - 50);
  });
});
