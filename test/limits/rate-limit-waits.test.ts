import { describe, expect, it } from 'vitest';
import type { LimitShape, ProviderName, RequestLogEntry } from '../../src/simulator/index.ts';
import { arrivalsBeforeDeadline, dispatchesWhileParked } from './support/deadline-checks.ts';
import { instruction, modelSpecs, numberedRows, sentimentSchema, simulatedSwarm } from './support/simulated-swarm.ts';

const retryAfterMs = 200;
// Never reached in a minute-sized bucket; a bucket of 10 refilled at 10 a second when enforced per
// second, which a burst of the first rows can overrun (those 429s ask for under 100 ms).
const requestsPerMinute = 600;

// The wait each provider announces for a 429: OpenAI in `retry-after-ms`, Anthropic in whole
// seconds of `retry-after`, Gemini in whole seconds of the body's RetryInfo.
const announcedWaitMs: Record<ProviderName, (entry: RequestLogEntry) => number> = {
  openai: (entry) => Math.ceil(entry.retryAfterMs!),
  anthropic: (entry) => Math.ceil(entry.retryAfterMs! / 1000) * 1000,
  google: (entry) => Math.ceil(entry.retryAfterMs! / 1000) * 1000,
};

// Gemini's fixed windows are per minute whatever the shape: one run.
const cases: Array<{ provider: ProviderName; shape: LimitShape; rows: number }> = [
  { provider: 'openai', shape: 'per-minute', rows: 60 },
  { provider: 'openai', shape: 'per-second', rows: 60 },
  // A one-second wait per round: fewer rows keep the test short.
  { provider: 'anthropic', shape: 'per-minute', rows: 20 },
  { provider: 'anthropic', shape: 'per-second', rows: 20 },
  { provider: 'google', shape: 'per-minute', rows: 20 },
];

describe.each(cases)('$provider answering 30 % of calls with a 429, its limit enforced $shape', ({ provider, shape, rows }) => {
  it('answers every row, and sends nothing for the key before the provider said to', async () => {
    const { swarm, events, requestLog } = await simulatedSwarm({
      limits: { requestsPerMinute },
      limitShape: shape,
      faults: { rateLimitRate: 0.3, rateLimitRetryAfterMs: retryAfterMs },
    });
    const table = await swarm.create({ tasks: numberedRows(rows) });

    const result = await swarm.run(table.id, { instruction, responseSchema: sentimentSchema, model: modelSpecs[provider], batchSize: 1 });

    expect(result).toMatchObject({ completed: rows, failed: 0, pending: 0 });
    expect(result.stopped).toBeUndefined();
    const log = requestLog(provider);
    const refused = log.filter((entry) => entry.status === 429);
    expect(refused.filter((entry) => entry.outcome === 'injectedRateLimit').length).toBeGreaterThanOrEqual(rows * 0.15);
    expect(log.length).toBe(rows + refused.length);
    expect(result.usage).toMatchObject({ calls: log.length, rateLimited: refused.length });

    // Every 429 parked the key for at least the wait it announced from when Swarm recorded it, and
    // took no attempt. Injected and limit 429s announce different waits and Swarm may record two
    // of them in another order than they arrived, so the parks are matched to the waits in order
    // of length: each park covering its own 429's wait implies the sorted parks cover the sorted waits.
    const recorded = events.filter((event) => event.type === 'dispatch-end' && event.errorClass === 'rate-limit');
    const parks = events.filter((event) => event.type === 'rate-limit');
    expect(recorded).toHaveLength(refused.length);
    expect(parks).toHaveLength(refused.length);
    // Each 429 is recorded, then parks the key, in one synchronous step: the two lists pair up.
    const parkedMs = parks.map((park, index) => park.parkedUntil - recorded[index]!.atMs).sort((left, right) => left - right);
    const announcedMs = refused.map(announcedWaitMs[provider]).sort((left, right) => left - right);
    parkedMs.forEach((parked, index) => expect(parked).toBeGreaterThanOrEqual(announcedMs[index]!));
    for (const park of parks) expect(park.waitSource).toBe('provider');
    expect(events.filter((event) => event.type === 'dispatch-start' && event.attempt !== 1)).toEqual([]);

    expect(dispatchesWhileParked(events)).toEqual([]);
    expect(arrivalsBeforeDeadline(log, events, announcedWaitMs[provider])).toEqual([]);
  });
});
