import { APICallError } from '@ai-sdk/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../start-simulator.ts';
import type { Simulator } from '../simulator.ts';
import { batchCall, batchSchema, expectValidBatch, loadFixture, modelsFor, readParts, rejectionOf, shapeOf, streamedText } from '../test-support.ts';

let simulator: Simulator;
afterEach(() => simulator?.close());

async function apiError(promise: PromiseLike<unknown>): Promise<APICallError> {
  const error = await rejectionOf(promise);
  if (!APICallError.isInstance(error)) throw error;
  return error;
}

interface GoogleErrorBody {
  error: { code: number; status: string; message: string; details?: Array<Record<string, unknown>> };
}

function detail(error: APICallError, type: string): Record<string, unknown> | undefined {
  const body = JSON.parse(error.responseBody!) as GoogleErrorBody;
  return body.error.details?.find((entry) => entry['@type'] === `type.googleapis.com/google.rpc.${type}`);
}

describe('the Gemini dialect, through @ai-sdk/google', () => {
  it('answers responseJsonSchema calls with schema-valid JSON, whole and streamed', async () => {
    simulator = await startSimulator();
    const model = modelsFor(simulator).google;
    const result = await model.doGenerate(batchCall(['r1', 'r2']));
    const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
    expectValidBatch(text, ['r1', 'r2']);
    expect(result.finishReason.raw).toBe('STOP');
    const parts = await readParts((await model.doStream(batchCall(['r1', 'r2']))).stream);
    expect(streamedText(parts)).toBe(text);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { raw: 'STOP' }, usage: { outputTokens: { total: result.usage.outputTokens.total } } });
  });

  it('reads an OpenAPI-style responseSchema with upper-case types', async () => {
    simulator = await startSimulator();
    const upper = JSON.parse(JSON.stringify(batchSchema).replace(/"type":"(\w+)"/g, (_match, type: string) => `"type":"${type.toUpperCase()}"`));
    const response = await fetch(`${simulator.baseUrls.google}/models/gemini-2.5-flash:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({
        contents: [{ role: 'user', parts: [{ text: '<row id="x1">hi</row>' }] }],
        generationConfig: { responseMimeType: 'application/json', responseSchema: upper },
      }),
    });
    const body = (await response.json()) as { candidates: Array<{ content: { parts: Array<{ text: string }> } }> };
    expectValidBatch(body.candidates[0]!.content.parts[0]!.text, ['x1']);
  });

  it('puts the wait only in the body: RetryInfo beside a per-minute QuotaFailure, no rate-limit headers', async () => {
    simulator = await startSimulator({ limits: { requestsPerMinute: 2 } });
    const model = modelsFor(simulator).google;
    await model.doGenerate(batchCall(['a']));
    await model.doGenerate(batchCall(['a']));
    const error = await apiError(model.doGenerate(batchCall(['a'])));
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(Object.keys(error.responseHeaders ?? {}).filter((name) => /ratelimit|retry-after/.test(name))).toEqual([]);
    // A fixed window: the wait is until the minute that began with the first call is over.
    const retryDelay = detail(error, 'RetryInfo')?.retryDelay as string;
    expect(retryDelay).toMatch(/^\d+s$/);
    expect(Number.parseInt(retryDelay, 10)).toBeGreaterThanOrEqual(59);
    expect(Number.parseInt(retryDelay, 10)).toBeLessThanOrEqual(60);
    expect(detail(error, 'QuotaFailure')).toMatchObject({
      violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel', quotaValue: '2', quotaDimensions: { model: 'gemini-2.5-flash' } }],
    });
    expect((JSON.parse(error.responseBody!) as GoogleErrorBody).error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
  });

  it('names the per-day quota when the day is used up, with the wait until the next day', async () => {
    simulator = await startSimulator({ limits: { requestsPerMinute: 100, requestsPerDay: 1 } });
    const model = modelsFor(simulator).google;
    await model.doGenerate(batchCall(['a']));
    const error = await apiError(model.doGenerate(batchCall(['a'])));
    expect(detail(error, 'QuotaFailure')).toMatchObject({ violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel' }] });
    expect(Number.parseInt(detail(error, 'RetryInfo')?.retryDelay as string, 10)).toBeGreaterThan(86_000);
  });

  it('answers failAll modes: 403 PERMISSION_DENIED, billing as a zero quota, quota as the daily limit', async () => {
    simulator = await startSimulator({ faults: { failAll: 'auth' } });
    const model = modelsFor(simulator).google;
    const auth = await apiError(model.doGenerate(batchCall(['a'])));
    expect(auth.statusCode).toBe(403);
    expect((JSON.parse(auth.responseBody!) as GoogleErrorBody).error.status).toBe('PERMISSION_DENIED');
    simulator.setFaults({ failAll: 'billing' });
    const billing = await apiError(model.doGenerate(batchCall(['a'])));
    expect(detail(billing, 'QuotaFailure')).toMatchObject({ violations: [{ quotaValue: '0' }] });
    expect(detail(billing, 'RetryInfo')).toBeUndefined();
    simulator.setFaults({ failAll: 'quota' });
    const quota = await apiError(model.doGenerate(batchCall(['a'])));
    expect(detail(quota, 'QuotaFailure')).toMatchObject({ violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel' }] });
    expect(detail(quota, 'RetryInfo')?.retryDelay).toMatch(/^\d+s$/);
  });

  it('sends 429s and auth errors shaped like the real ones', async () => {
    simulator = await startSimulator({ limits: { inputTokensPerMinute: 20, requestsPerDay: 1_000 } });
    const model = modelsFor(simulator).google;
    await model.doGenerate(batchCall(['a']));
    const perMinute = await apiError(model.doGenerate(batchCall(['a'])));
    simulator.setLimits({ inputTokensPerMinute: undefined, requestsPerDay: 1 });
    const perDay = await apiError(model.doGenerate(batchCall(['a'])));
    simulator.setFaults({ failAll: 'auth' });
    const auth = await apiError(model.doGenerate(batchCall(['a'])));
    for (const [error, name] of [[perMinute, 'gemini-429-per-minute'], [perDay, 'gemini-429-per-day'], [auth, 'gemini-403-permission-denied']] as const) {
      const fixture = loadFixture(name);
      expect(error.statusCode).toBe(fixture.status);
      expect(Object.keys(error.responseHeaders ?? {})).toEqual(expect.arrayContaining(Object.keys(fixture.headers)));
      expect(shapeOf(JSON.parse(error.responseBody!))).toEqual(shapeOf(fixture.body));
    }
  });
});
