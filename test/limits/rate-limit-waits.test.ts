import { describe, expect, it } from 'vitest';
import type { ProviderName } from '../../src/simulator/index.ts';
import { arrivalsBeforeDeadline, dispatchesWhileParked } from './support/deadline-checks.ts';
import { instruction, modelSpecs, numberedRows, sentimentSchema, simulatedSwarm } from './support/simulated-swarm.ts';

const retryAfterMs = 200;

// The wait each provider announces for the simulator's 200 ms: OpenAI in `retry-after-ms`,
// Anthropic in whole seconds of `retry-after`, Gemini in whole seconds of the body's RetryInfo.
const cases: Array<{ provider: ProviderName; announcedWaitMs: number; rows: number }> = [
  { provider: 'openai', announcedWaitMs: 200, rows: 60 },
  // A one-second wait per round: fewer rows keep the test short.
  { provider: 'anthropic', announcedWaitMs: 1_000, rows: 20 },
  { provider: 'google', announcedWaitMs: 1_000, rows: 20 },
];

describe.each(cases)('$provider answering 30 % of calls with a 429', ({ provider, announcedWaitMs, rows }) => {
  it('answers every row, and sends nothing for the key before the provider said to', async () => {
    const { swarm, events, requestLog } = await simulatedSwarm({ faults: { rateLimitRate: 0.3, rateLimitRetryAfterMs: retryAfterMs } });
    const table = await swarm.create({ tasks: numberedRows(rows) });

    const result = await swarm.run(table.id, { instruction, responseSchema: sentimentSchema, model: modelSpecs[provider], batchSize: 1 });

    expect(result).toMatchObject({ completed: rows, failed: 0, pending: 0 });
    expect(result.stopped).toBeUndefined();
    const log = requestLog(provider);
    const refused = log.filter((entry) => entry.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(rows * 0.15);
    expect(log.length).toBe(rows + refused.length);
    expect(result.usage).toMatchObject({ calls: log.length, rateLimited: refused.length });

    // Every 429 parked the key for at least the announced wait from when Swarm recorded it, and
    // took no attempt.
    const recorded = events.filter((event) => event.type === 'dispatch-end' && event.errorClass === 'rate-limit');
    const parks = events.filter((event) => event.type === 'rate-limit');
    expect(recorded).toHaveLength(refused.length);
    expect(parks).toHaveLength(refused.length);
    // Each 429 is recorded, then parks the key, in one synchronous step: the two lists pair up.
    parks.forEach((park, index) => {
      expect(park.waitSource).toBe('provider');
      expect(park.parkedUntil - recorded[index]!.atMs).toBeGreaterThanOrEqual(announcedWaitMs);
    });
    expect(events.filter((event) => event.type === 'dispatch-start' && event.attempt !== 1)).toEqual([]);

    expect(dispatchesWhileParked(events)).toEqual([]);
    expect(arrivalsBeforeDeadline(log, events, announcedWaitMs)).toEqual([]);
  });
});
