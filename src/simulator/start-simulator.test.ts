import { APICallError } from '@ai-sdk/provider';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderName } from './provider-name.ts';
import { startSimulator } from './start-simulator.ts';
import type { Simulator } from './simulator.ts';
import { batchCall, expectValidBatch, modelsFor, readParts, rejectionOf, streamedText } from './test-support.ts';

let simulator: Simulator;
afterEach(() => simulator?.close());

const providers: ProviderName[] = ['openai', 'anthropic', 'google'];

function textOf(result: { content: Array<{ type: string; text?: string }> }): string {
  return result.content.map((part) => part.text ?? '').join('');
}

describe('startSimulator', () => {
  it('listens on loopback and says which base URL each AI SDK provider needs', async () => {
    simulator = await startSimulator();
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(simulator.baseUrls).toEqual({ openai: `${simulator.url}/v1`, anthropic: `${simulator.url}/v1`, google: `${simulator.url}/v1beta` });
    expect((await fetch(`${simulator.url}/v1/nothing`, { method: 'POST' })).status).toBe(404);
  });

  it('keeps separate limits and stats for each API key and model', async () => {
    simulator = await startSimulator({ limits: { requestsPerMinute: 1 } });
    await modelsFor(simulator, 'key-one').openai.doGenerate(batchCall(['a']));
    await modelsFor(simulator, 'key-two').openai.doGenerate(batchCall(['a']));
    await modelsFor(simulator, 'key-one').anthropic.doGenerate(batchCall(['a']));
    const error = await rejectionOf(modelsFor(simulator, 'key-one').openai.doGenerate(batchCall(['a'])));
    expect(APICallError.isInstance(error) && error.statusCode).toBe(429);
    const { perKeyModel, total } = simulator.stats();
    expect(perKeyModel.map(({ provider, apiKey, model, accepted, rateLimited }) => ({ provider, apiKey, model, accepted, rateLimited }))).toEqual([
      { provider: 'openai', apiKey: 'key-one', model: 'gpt-4o-mini', accepted: 1, rateLimited: 1 },
      { provider: 'openai', apiKey: 'key-two', model: 'gpt-4o-mini', accepted: 1, rateLimited: 0 },
      { provider: 'anthropic', apiKey: 'key-one', model: 'claude-haiku-4-5', accepted: 1, rateLimited: 0 },
    ]);
    expect(total).toMatchObject({ received: 4, accepted: 3, rateLimited: 1, rejected: { requestsPerMinute: 1 }, inFlight: 0 });
    expect(perKeyModel[0]!.log.map((entry) => [entry.status, entry.outcome])).toEqual([[200, 'answered'], [429, 'requestsPerMinute']]);
  });

  it('rejects calls over maxInFlight until the first call in flight is due to end', async () => {
    simulator = await startSimulator({ limits: { maxInFlight: 2 }, latency: { firstTokenMs: 300 } });
    const model = modelsFor(simulator).openai;
    const outcomes = await Promise.allSettled([0, 1, 2].map(() => model.doGenerate(batchCall(['a']))));
    const rejected = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as APICallError] : []));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.statusCode).toBe(429);
    expect(Number(rejected[0]!.responseHeaders?.['retry-after-ms'])).toBeGreaterThan(0);
    expect(Number(rejected[0]!.responseHeaders?.['retry-after-ms'])).toBeLessThanOrEqual(300);
    expect(simulator.stats().total).toMatchObject({ maxInFlight: 2, inFlight: 0, rejected: { maxInFlight: 1 } });
  });

  it('applies setLimits mid-run, keeping what was used', async () => {
    simulator = await startSimulator({ limits: { requestsPerMinute: 2 }, limitShape: 'per-minute' });
    const model = modelsFor(simulator).openai;
    await model.doGenerate(batchCall(['a']));
    await model.doGenerate(batchCall(['a']));
    expect(APICallError.isInstance(await rejectionOf(model.doGenerate(batchCall(['a']))))).toBe(true);
    simulator.setLimits({ requestsPerMinute: 3 });
    const result = await model.doGenerate(batchCall(['a']));
    expect(result.response?.headers?.['x-ratelimit-remaining-requests']).toBe('0');
    simulator.setLimits({ requestsPerMinute: undefined });
    await Promise.all(Array.from({ length: 10 }, () => model.doGenerate(batchCall(['a']))));
    expect(simulator.stats().total).toMatchObject({ accepted: 13, rateLimited: 1 });
  });

  it('changes limits mid-run through PUT /simulator/limits, and names a bad one', async () => {
    simulator = await startSimulator({ limits: { requestsPerMinute: 1 }, limitShape: 'per-minute' });
    const model = modelsFor(simulator).openai;
    await model.doGenerate(batchCall(['a']));
    const put = (body: string) => fetch(`${simulator.url}/simulator/limits`, { method: 'PUT', body, headers: { 'content-type': 'application/json' } });
    const unknown = await put('{"requestsPerMinut": 5}');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/unknown limit "requestsPerMinut"/);
    expect((await put('{"requestsPerMinute": 3}')).status).toBe(200);
    await model.doGenerate(batchCall(['a']));
    expect((await put('{"requestsPerMinute": null}')).status).toBe(200);
    await Promise.all(Array.from({ length: 5 }, () => model.doGenerate(batchCall(['a']))));
    const stats = (await (await fetch(`${simulator.url}/simulator/stats`)).json()) as { total: { accepted: number; rateLimited: number } };
    expect(stats.total).toMatchObject({ accepted: 7, rateLimited: 0 });
  });

  it('answers without rate-limit headers when told to hide them', async () => {
    simulator = await startSimulator({ limits: { requestsPerMinute: 1 }, limitHeaders: false });
    const model = modelsFor(simulator).openai;
    const answered = await model.doGenerate(batchCall(['a']));
    const refused = await rejectionOf(model.doGenerate(batchCall(['a'])));
    const limitHeaderNames = (headers: Record<string, string | undefined> | undefined) => Object.keys(headers ?? {}).filter((name) => name.startsWith('x-ratelimit'));
    expect(limitHeaderNames(answered.response?.headers)).toEqual([]);
    expect(APICallError.isInstance(refused) && refused.statusCode).toBe(429);
    expect(limitHeaderNames((refused as APICallError).responseHeaders)).toEqual([]);
  });

  it.each(providers)('states no limit in %s answers or 429s with limitDisclosure retry-after, and no wait with nothing', async (provider) => {
    // What the full 429s say of the limit: OpenAI "Limit 1, Used 1", Anthropic "of 1 requests per minute", Gemini "limit: 1" and quotaValue.
    const statesLimit = /Limit \d|Used \d|of \d+ requests|limit: \d|quotaValue|QuotaFailure/;
    const limitHeaderNames = (headers: Record<string, string | undefined> | undefined) => Object.keys(headers ?? {}).filter((name) => /ratelimit/.test(name));
    const refusal = async (options: Parameters<typeof startSimulator>[0]) => {
      simulator = await startSimulator({ limits: { requestsPerMinute: 1 }, ...options });
      const model = modelsFor(simulator)[provider];
      const answered = await model.doGenerate(batchCall(['a']));
      const refused = await rejectionOf(model.doGenerate(batchCall(['a'])));
      await simulator.close();
      if (!APICallError.isInstance(refused)) throw refused;
      expect(refused.statusCode).toBe(429);
      expect(limitHeaderNames(answered.response?.headers)).toEqual([]);
      expect(limitHeaderNames(refused.responseHeaders)).toEqual([]);
      return refused;
    };
    const full = await refusal({ limitHeaders: false });
    expect(full.responseBody).toMatch(statesLimit);

    const waitOnly = await refusal({ limitDisclosure: 'retry-after' });
    expect(waitOnly.responseBody).not.toMatch(statesLimit);
    const announcesWait = (error: APICallError) => /retryDelay/.test(error.responseBody ?? '') || error.responseHeaders?.['retry-after'] !== undefined;
    expect(announcesWait(waitOnly)).toBe(true);

    const nothing = await refusal({ limitDisclosure: 'nothing' });
    expect(nothing.responseBody).not.toMatch(statesLimit);
    expect(announcesWait(nothing)).toBe(false);
  });

  it('waits the time to first token plus the output at tokensPerSecond', async () => {
    simulator = await startSimulator({ latency: { firstTokenMs: 150, tokensPerSecond: 100 } });
    const model = modelsFor(simulator).openai;
    const started = performance.now();
    const result = await model.doGenerate(batchCall(['a']));
    const expectedMs = 150 + result.usage.outputTokens.total! * 10;
    expect(performance.now() - started).toBeGreaterThanOrEqual(expectedMs - 5);
    const streamStarted = performance.now();
    const { stream } = await model.doStream(batchCall(['a']));
    const reader = stream.getReader();
    let part = await reader.read();
    while (!part.done && part.value.type !== 'text-delta') part = await reader.read();
    expect(performance.now() - streamStarted).toBeGreaterThanOrEqual(145);
    await reader.cancel();
  });

  it('makes slowFraction of calls slowFactor times slower', async () => {
    simulator = await startSimulator({ latency: { firstTokenMs: 20, slowFraction: 1, slowFactor: 10 } });
    const started = performance.now();
    await modelsFor(simulator).openai.doGenerate(batchCall(['a']));
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    expect(simulator.stats().total.faults).toEqual({ slow: 1 });
  });

  it('holds a hung call until the client aborts, then frees its slot', async () => {
    simulator = await startSimulator({ faults: { hangRate: 1 }, limits: { maxInFlight: 1 } });
    const error = await rejectionOf(modelsFor(simulator).openai.doGenerate(batchCall(['a'], { abortSignal: AbortSignal.timeout(100) })));
    expect((error as Error).name).toBe('TimeoutError');
    await expect.poll(() => simulator.stats().total.inFlight).toBe(0);
    const [entry] = simulator.stats().perKeyModel;
    expect(entry).toMatchObject({ accepted: 1, faults: { hang: 1 }, log: [{ status: 0, outcome: 'hang' }] });
  });

  it('closes hung connections when it closes', async () => {
    simulator = await startSimulator({ faults: { hangRate: 1 } });
    const call = rejectionOf(modelsFor(simulator).anthropic.doGenerate(batchCall(['a'])));
    await expect.poll(() => simulator.stats().total.inFlight).toBe(1);
    const started = performance.now();
    await simulator.close();
    expect(await call).toBeInstanceOf(Error);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it.each(providers)('drops the connection part-way through a %s answer', async (provider) => {
    simulator = await startSimulator({ faults: { dropRate: 1 } });
    const model = modelsFor(simulator)[provider];
    const error = await rejectionOf(model.doGenerate(batchCall(['a'])));
    expect(APICallError.isInstance(error) && error.message).toBe('Failed to process successful response');
    const streamError = await rejectionOf(model.doStream(batchCall(['a'])).then(({ stream }) => readParts(stream)));
    expect((streamError as Error).message).toBe('Failed to process successful response');
    expect(simulator.stats().total.faults).toEqual({ drop: 2 });
  });

  it.each(providers)('sends an error part-way through a %s stream', async (provider) => {
    simulator = await startSimulator({ faults: { midStreamErrorRate: 1 } });
    const parts = await readParts((await modelsFor(simulator)[provider].doStream(batchCall(['r1', 'r2', 'r3']))).stream);
    const errorIndex = parts.findIndex((part) => part.type === 'error');
    expect(errorIndex).toBeGreaterThan(parts.findIndex((part) => part.type === 'text-delta'));
    expect(streamedText(parts).length).toBeGreaterThan(0);
    expect(simulator.stats().total.faults).toEqual({ midStreamError: 1 });
  });

  it.each(providers)('sends broken JSON as a 200 from %s: malformed, then truncated with a length finish', async (provider) => {
    simulator = await startSimulator({ faults: { malformedRate: 1 } });
    const model = modelsFor(simulator)[provider];
    const malformed = await model.doGenerate(batchCall(['a']));
    expect(() => JSON.parse(textOf(malformed))).toThrow();
    expect(textOf(malformed)).toContain('```json');
    simulator.setFaults({ malformedRate: 0, truncatedRate: 1 });
    const truncated = await model.doGenerate(batchCall(['a']));
    expect(() => JSON.parse(textOf(truncated))).toThrow();
    expect(truncated.finishReason.unified).toBe('length');
  });

  it('answers injected 429s with the configured wait, without using quota', async () => {
    simulator = await startSimulator({ limits: { requestsPerMinute: 5 }, faults: { rateLimitRate: 1, rateLimitRetryAfterMs: 2500 } });
    const error = await rejectionOf(modelsFor(simulator).openai.doGenerate(batchCall(['a'])));
    expect(APICallError.isInstance(error) && error.responseHeaders).toMatchObject({ 'retry-after': '3', 'retry-after-ms': '2500', 'x-ratelimit-remaining-requests': '5' });
    expect(simulator.stats().total.rejected).toEqual({ injectedRateLimit: 1 });
  });

  it('cuts answers at the request output cap', async () => {
    simulator = await startSimulator();
    const result = await modelsFor(simulator).google.doGenerate(batchCall(['r1', 'r2', 'r3'], { maxOutputTokens: 5 }));
    expect(textOf(result)).toHaveLength(20);
    expect(result.finishReason.raw).toBe('MAX_TOKENS');
  });

  it('repeats the same faults for the same seed and order of calls', async () => {
    const outcomes = async () => {
      const run = await startSimulator({ seed: 42, faults: { malformedRate: 0.5, serverErrorRate: 0.2 } });
      const model = modelsFor(run).openai;
      const results: string[] = [];
      for (let index = 0; index < 20; index++) {
        try {
          const text = textOf(await model.doGenerate(batchCall([`row-${index}`])));
          expectValidBatch(text, [`row-${index}`]);
          results.push('valid');
        } catch (error) {
          results.push(APICallError.isInstance(error) ? String(error.statusCode) : 'broken');
        }
      }
      await run.close();
      return results;
    };
    const first = await outcomes();
    expect(await outcomes()).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(2);
  });
});
