import { createOpenAI } from '@ai-sdk/openai';
import { describe, expect, it } from 'vitest';
import { apiKeys, instruction, numberedRows, sentimentSchema, simulatedSwarm } from '../limits/support/simulated-swarm.ts';

// Swarm's `openai:` specs call Chat Completions; the AI SDK's default `openai(model)` calls the
// Responses API, which a pass given that model instance must get the same from.
describe.each([false, true])('a pass on the AI SDK default openai(model), the Responses API, stream %s', (stream) => {
  it('answers every row, all through /v1/responses', async () => {
    const { swarm, simulator, requestLog } = await simulatedSwarm({ limits: { requestsPerMinute: 600 } });
    const urls: string[] = [];
    const openai = createOpenAI({
      baseURL: simulator.baseUrls.openai,
      apiKey: apiKeys.openai,
      fetch: (input, init) => {
        urls.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      },
    });
    const table = await swarm.create({ tasks: numberedRows(6) });

    const result = await swarm.run(table.id, { instruction, responseSchema: sentimentSchema, model: openai('gpt-4o-mini'), batchSize: 2, stream });

    expect(result).toMatchObject({ completed: 6, failed: 0, pending: 0 });
    expect(new Set(urls)).toEqual(new Set([`${simulator.baseUrls.openai}/responses`]));
    expect(requestLog('openai').map((entry) => [entry.status, entry.stream])).toEqual([[200, stream], [200, stream], [200, stream]]);
    const rows = await swarm.rows(table.id, { filter: { column: 'sentiment', exists: true } });
    expect(rows).toHaveLength(6);
  });
});
