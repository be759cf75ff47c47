import { describe, expect, it } from 'vitest';
import type { LimitShape, ProviderName } from '../../src/simulator/index.ts';
import { instruction, modelSpecs, numberedRows, sentimentSchema, simulatedSwarm } from './support/simulated-swarm.ts';

const requestsPerMinute = 600;

// A minute-sized bucket lets the first 600 go at once; the last 10 are paced at 10 a second by
// the limit learned from headers. Enforced per second, the bucket holds 10: 60 rows are 10 at
// once and 50 paced over 5 s (610 would take a minute).
const cases: Array<{ provider: ProviderName; shape: LimitShape; rows: number; bucket: number; allowedRefusals: (requests: number) => number }> = (
  ['openai', 'anthropic'] as const
).flatMap((provider) => [
  // The steady-state target: at most 0.5 % of requests refused.
  { provider, shape: 'per-minute' as const, rows: 610, bucket: 600, allowedRefusals: (requests: number) => requests * 0.005 },
  // The whole-run target, at most 1 % of requests, is under one request here: one refusal allowed.
  { provider, shape: 'per-second' as const, rows: 60, bucket: 10, allowedRefusals: (requests: number) => Math.max(1, requests * 0.01) },
]);

describe.each(cases)('$provider announcing its limits in headers, enforced $shape', ({ provider, shape, rows, bucket, allowedRefusals }) => {
  it('learns the limit from the headers and stays under it', async () => {
    const { swarm, events, requestLog } = await simulatedSwarm({ limits: { requestsPerMinute }, limitShape: shape });
    const table = await swarm.create({ tasks: numberedRows(rows) });

    const result = await swarm.run(table.id, { instruction, responseSchema: sentimentSchema, model: modelSpecs[provider], batchSize: 1 });

    expect(result).toMatchObject({ completed: rows, failed: 0, pending: 0 });
    const passStart = events.find((event) => event.type === 'pass-start')!;
    expect(swarm.context.limiters.find(passStart.limiterKey)?.snapshot()).toMatchObject({ source: 'header', limits: { requestsPerMinute } });
    const log = requestLog(provider);
    const refused = log.filter((entry) => entry.status === 429).length;
    expect(refused).toBeLessThanOrEqual(allowedRefusals(log.length));
    // The limit bound: the last rows waited for it to refill.
    expect(log.at(-1)!.atMs - log[0]!.atMs).toBeGreaterThan(((rows - bucket - 1) / requestsPerMinute) * 60_000 - 50);
  });
});
