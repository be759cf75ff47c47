import { describe, expect, it } from 'vitest';
import type { LimitShape, ProviderName } from '../../src/simulator/index.ts';
import { instruction, modelSpecs, numberedRows, sentimentSchema, simulatedSwarm } from './support/simulated-swarm.ts';

const requestsPerMinute = 600;

// Enforced per second the bucket holds 10; a minute-sized one holds 600 but Swarm does not rely on
// more burst than a second's worth (OpenAI and Anthropic document that they may enforce per second,
// while their headers still speak of the minute). Either way: 60 rows paced at ~9.7 a second.
const cases: Array<{ provider: ProviderName; shape: LimitShape; rows: number }> = (['openai', 'anthropic'] as const).flatMap((provider) => [
  { provider, shape: 'per-minute' as const, rows: 60 },
  { provider, shape: 'per-second' as const, rows: 60 },
]);
// The whole-run target is at most 1 % of requests refused: under one request here, so one allowed.
const allowedRefusals = (requests: number) => Math.max(1, requests * 0.01);
// The bucket a per-second enforcement holds: no second of the run may have asked for more.
const perSecondBucket = requestsPerMinute / 60;

describe.each(cases)('$provider announcing its limits in headers, enforced $shape', ({ provider, shape, rows }) => {
  it('learns the limit from the headers and stays under it', async () => {
    const { swarm, events, requestLog } = await simulatedSwarm({ limits: { requestsPerMinute }, limitShape: shape });
    const table = await swarm.create({ tasks: numberedRows(rows) });

    const result = await swarm.run(table.id, { instruction, responseSchema: sentimentSchema, model: modelSpecs[provider], batchSize: 1 });

    expect(result).toMatchObject({ completed: rows, failed: 0, pending: 0 });
    const passStart = events.find((event) => event.type === 'pass-start')!;
    expect(swarm.context.limiters.find(passStart.limiterKey!)?.snapshot()).toMatchObject({ source: 'header', limits: { requestsPerMinute } });
    const log = requestLog(provider);
    const refused = log.filter((entry) => entry.status === 429).length;
    expect(refused).toBeLessThanOrEqual(allowedRefusals(log.length));
    // Paced: a bucket of a second's worth (what a per-second enforcement holds) would have admitted
    // every request, whichever shape the simulator enforced.
    const times = log.map((entry) => entry.atMs);
    let level = perSecondBucket;
    for (const [index, at] of times.entries()) {
      if (index > 0) level = Math.min(perSecondBucket, level + ((at - times[index - 1]!) * perSecondBucket) / 1_000);
      level -= 1;
      expect(level).toBeGreaterThan(-0.05);
    }
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(((rows - perSecondBucket) / requestsPerMinute) * 60_000);
  });
});
