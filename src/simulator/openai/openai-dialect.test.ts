import { APICallError } from '@ai-sdk/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../start-simulator.ts';
import type { Simulator } from '../simulator.ts';
import { batchCall, expectValidBatch, loadFixture, modelsFor, readParts, rejectionOf, shapeOf, streamedText } from '../test-support.ts';

let simulator: Simulator;
afterEach(() => simulator?.close());

async function apiError(promise: PromiseLike<unknown>): Promise<APICallError> {
  const error = await rejectionOf(promise);
  if (!APICallError.isInstance(error)) throw error;
  return error;
}

describe('the OpenAI dialect, through @ai-sdk/openai', () => {
  it('answers structured-output calls with schema-valid JSON, whole and streamed', async () => {
    simulator = await startSimulator({ limits: { requestsPerMinute: 100, tokensPerMinute: 100_000 }, limitShape: 'per-minute' });
    const model = modelsFor(simulator).openai;
    const result = await model.doGenerate(batchCall(['r1', 'r2', 'r3']));
    const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
    expectValidBatch(text, ['r1', 'r2', 'r3']);
    expect(result.finishReason.raw).toBe('stop');
    expect(result.usage.inputTokens.total).toBeGreaterThan(0);
    expect(result.response?.headers).toMatchObject({ 'x-ratelimit-limit-requests': '100', 'x-ratelimit-remaining-requests': '99' });

    const { stream } = await model.doStream(batchCall(['r1', 'r2', 'r3']));
    const parts = await readParts(stream);
    expect(streamedText(parts)).toBe(text);
    expect(parts.filter((part) => part.type === 'text-delta').length).toBeGreaterThan(1);
    // include_usage: the usage chunk reaches the finish part.
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { raw: 'stop' }, usage: { outputTokens: { total: result.usage.outputTokens.total } } });
  });

  it('admits exactly requestsPerMinute in a burst against a minute-sized bucket, and asks the next call to wait about a second', async () => {
    simulator = await startSimulator({ limits: { requestsPerMinute: 60 }, limitShape: 'per-minute' });
    const model = modelsFor(simulator).openai;
    const startedAt = performance.now();
    const outcomes = await Promise.allSettled(Array.from({ length: 62 }, (_, index) => model.doGenerate(batchCall([`row-${index}`]))));
    // The bucket refills one request a second: on a loaded machine a slow burst earns a refill or two.
    const refills = Math.floor((performance.now() - startedAt) / 1000);
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(Math.max(0, 2 - refills));
    expect(62 - rejected.length).toBeLessThanOrEqual(60 + refills);
    expect(62 - rejected.length).toBeGreaterThanOrEqual(60);
    if (rejected.length === 0) return;
    const error = (rejected[0] as PromiseRejectedResult).reason as APICallError;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(429);
    expect(error.responseHeaders).toMatchObject({ 'retry-after': '1', 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '0' });
    const waitMs = Number(error.responseHeaders?.['retry-after-ms']);
    expect(waitMs).toBeGreaterThan(0);
    expect(waitMs).toBeLessThanOrEqual(1000);
    expect(JSON.parse(error.responseBody!)).toMatchObject({ error: { type: 'requests', code: 'rate_limit_exceeded', param: null } });
    expect(simulator.stats().perKeyModel[0]).toMatchObject({
      received: 62,
      accepted: 62 - rejected.length,
      rateLimited: rejected.length,
      rejected: { requestsPerMinute: rejected.length },
    });
  });

  it('admits a second of the limit in a burst when it enforces it per second, and reports the minute in its headers', async () => {
    simulator = await startSimulator({ limits: { requestsPerMinute: 600 } });
    const model = modelsFor(simulator).openai;
    const startedAt = performance.now();
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, index) => model.doGenerate(batchCall([`row-${index}`]))));
    // The bucket refills one request every 100 ms: a slow burst on a loaded machine earns a few.
    const refills = Math.floor((performance.now() - startedAt) / 100);
    const admitted = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(admitted.length).toBeGreaterThanOrEqual(10);
    expect(admitted.length).toBeLessThanOrEqual(10 + refills);
    const answered = (admitted[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof model.doGenerate>>>).value;
    // Headers speak of the minute: 600, with nearly all of it "remaining" while the second is spent.
    expect(answered.response?.headers).toMatchObject({ 'x-ratelimit-limit-requests': '600' });
    expect(Number(answered.response?.headers?.['x-ratelimit-remaining-requests'])).toBeGreaterThan(580);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    if (refused === undefined) return;
    const error = (refused as PromiseRejectedResult).reason as APICallError;
    expect(error.statusCode).toBe(429);
    expect(Number(error.responseHeaders?.['retry-after-ms'])).toBeLessThanOrEqual(100);
    expect(Number(error.responseHeaders?.['x-ratelimit-remaining-requests'])).toBeGreaterThan(580);
    expect(JSON.parse(error.responseBody!).error.message).toContain('on requests per min (RPM): Limit 600, Used 600, Requested 1.');
  });

  it('counts tokens per minute and says how many were used and requested', async () => {
    simulator = await startSimulator({ limitShape: 'per-minute' });
    const model = modelsFor(simulator).openai;
    const first = await model.doGenerate(batchCall(['a']));
    const perCall = first.usage.inputTokens.total! + first.usage.outputTokens.total!;
    const limit = Math.floor(2.5 * perCall);
    simulator.setLimits({ tokensPerMinute: limit });
    const chargedAt = performance.now();
    await model.doGenerate(batchCall(['a']));
    await model.doGenerate(batchCall(['a']));
    const error = await apiError(model.doGenerate(batchCall(['a'])));
    expect(error.statusCode).toBe(429);
    const body = JSON.parse(error.responseBody!) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('tokens');
    expect(body.error.message).toContain(`on tokens per min (TPM): Limit ${limit}, Used ${2 * perCall}, Requested ${perCall}.`);
    // The excess refills at `limit` tokens per 60 s.
    const expectedMs = ((3 * perCall - limit) * 60_000) / limit;
    // Time spent between the calls refilled the bucket a little.
    expect(Number(error.responseHeaders?.['retry-after-ms'])).toBeGreaterThan(expectedMs - (performance.now() - chargedAt) - 50);
    expect(Number(error.responseHeaders?.['retry-after-ms'])).toBeLessThanOrEqual(Math.ceil(expectedMs));
  });

  it('charges max_tokens up front and rejects a call that alone exceeds the limit', async () => {
    simulator = await startSimulator({ limits: { tokensPerMinute: 1000 } });
    const model = modelsFor(simulator).openai;
    const result = await model.doGenerate(batchCall(['a'], { maxOutputTokens: 500 }));
    expect(Number(result.response?.headers?.['x-ratelimit-remaining-tokens'])).toBe(1000 - result.usage.inputTokens.total! - 500);
    const error = await apiError(model.doGenerate(batchCall(['a'], { maxOutputTokens: 5000 })));
    expect(error.statusCode).toBe(429);
    expect(error.responseHeaders?.['retry-after']).toBeUndefined();
    expect(JSON.parse(error.responseBody!).error.message).toMatch(/^Request too large for gpt-4o-mini .* Limit 1000, Requested \d+\. The input or output tokens must be reduced/);
  });

  it('answers insufficient_quota (429, not a rate limit) when billing or quota fails', async () => {
    simulator = await startSimulator({ faults: { failAll: 'billing' } });
    const error = await apiError(modelsFor(simulator).openai.doGenerate(batchCall(['a'])));
    expect(error.statusCode).toBe(429);
    expect(error.responseHeaders?.['retry-after']).toBeUndefined();
    expect(JSON.parse(error.responseBody!)).toMatchObject({ error: { type: 'insufficient_quota', code: 'insufficient_quota' } });
    expect(simulator.stats().total.rejected).toEqual({ billing: 1 });
  });

  it('answers 401 invalid_api_key for a bad key and a missing key alike', async () => {
    simulator = await startSimulator({ faults: { failAll: 'auth' } });
    const error = await apiError(modelsFor(simulator).openai.doGenerate(batchCall(['a'])));
    expect(error.statusCode).toBe(401);
    expect(JSON.parse(error.responseBody!)).toMatchObject({ error: { code: 'invalid_api_key' } });
    simulator.setFaults({ failAll: undefined });
    const missing = await fetch(`${simulator.baseUrls.openai}/chat/completions`, { method: 'POST', body: '{"model":"m","messages":[]}' });
    expect(missing.status).toBe(401);
  });

  it('answers overloaded as a 503 server_error', async () => {
    simulator = await startSimulator({ faults: { overloadedRate: 1 } });
    const error = await apiError(modelsFor(simulator).openai.doGenerate(batchCall(['a'])));
    expect(error.statusCode).toBe(503);
    expect(error.isRetryable).toBe(true);
  });

  it('sends 429s and auth errors shaped like the real ones', async () => {
    simulator = await startSimulator({ limits: { requestsPerMinute: 500, tokensPerMinute: 40 } });
    const model = modelsFor(simulator).openai;
    await model.doGenerate(batchCall(['a']));
    const rateLimited = await apiError(model.doGenerate(batchCall(['a'])));
    simulator.setFaults({ failAll: 'quota' });
    const quota = await apiError(model.doGenerate(batchCall(['a'])));
    simulator.setFaults({ failAll: 'auth' });
    const auth = await apiError(model.doGenerate(batchCall(['a'])));
    for (const [error, name] of [[rateLimited, 'openai-429-tokens-per-minute'], [quota, 'openai-429-insufficient-quota'], [auth, 'openai-401-invalid-api-key']] as const) {
      const fixture = loadFixture(name);
      expect(error.statusCode).toBe(fixture.status);
      expect(Object.keys(error.responseHeaders ?? {})).toEqual(expect.arrayContaining(Object.keys(fixture.headers)));
      expect(shapeOf(JSON.parse(error.responseBody!))).toEqual(shapeOf(fixture.body));
    }
  });
});
