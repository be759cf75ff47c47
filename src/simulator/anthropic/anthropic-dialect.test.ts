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

const jsonToolMode = { providerOptions: { anthropic: { structuredOutputMode: 'jsonTool' } } } as const;

describe('the Anthropic dialect, through @ai-sdk/anthropic', () => {
  it('answers native structured output (output_config.format) with schema-valid JSON, whole and streamed', async () => {
    simulator = await startSimulator();
    const model = modelsFor(simulator).anthropic;
    const result = await model.doGenerate(batchCall(['r1', 'r2']));
    const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
    expectValidBatch(text, ['r1', 'r2']);
    expect(result.finishReason.raw).toBe('end_turn');
    const parts = await readParts((await model.doStream(batchCall(['r1', 'r2']))).stream);
    expect(streamedText(parts)).toBe(text);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { raw: 'end_turn' }, usage: { outputTokens: { total: result.usage.outputTokens.total } } });
  });

  it('answers the JSON-tool mode with a call of the forced tool', async () => {
    simulator = await startSimulator();
    const model = modelsFor(simulator).anthropic;
    const result = await model.doGenerate(batchCall(['r1', 'r2'], jsonToolMode));
    const text = result.content.find((part) => part.type === 'text');
    expectValidBatch(text?.type === 'text' ? text.text : '', ['r1', 'r2']);
    expect(result.response?.body).toMatchObject({ content: [{ type: 'tool_use', name: 'json' }], stop_reason: 'tool_use' });
    const parts = await readParts((await model.doStream(batchCall(['r1', 'r2'], jsonToolMode))).stream);
    expectValidBatch(streamedText(parts), ['r1', 'r2']);
  });

  it('reserves max_tokens of output when a call is admitted and gives back the unused part when it ends', async () => {
    simulator = await startSimulator({ limits: { outputTokensPerMinute: 1000 }, limitShape: 'per-minute', latency: { firstTokenMs: 300 } });
    const model = modelsFor(simulator).anthropic;
    const calls = [0, 1, 2].map(() => model.doGenerate(batchCall(['a'], { maxOutputTokens: 500 })));
    const outcomes = await Promise.allSettled(calls);
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const error = (rejected[0] as PromiseRejectedResult).reason as APICallError;
    expect(error.statusCode).toBe(429);
    expect(error.responseHeaders).toMatchObject({ 'anthropic-ratelimit-output-tokens-remaining': '0', 'x-should-retry': 'true' });
    // 500 tokens refilling at 1000 per minute.
    expect(Number(error.responseHeaders?.['retry-after'])).toBe(30);
    expect(JSON.parse(error.responseBody!)).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(JSON.parse(error.responseBody!).error.message).toContain('of 1,000 output tokens per minute');
    // Both admitted calls have ended and refunded all but what they generated.
    const generated = (outcomes[0]!.status === 'fulfilled' ? outcomes[0].value : outcomes[1]!.status === 'fulfilled' ? outcomes[1].value : undefined)!.usage.outputTokens.total!;
    const next = await model.doGenerate(batchCall(['a'], { maxOutputTokens: 10 }));
    expect(Number(next.response?.headers?.['anthropic-ratelimit-output-tokens-remaining'])).toBeGreaterThanOrEqual(1000 - 2 * generated - 10);
  });

  it('sends RFC 3339 reset times and the most restrictive token limit', async () => {
    simulator = await startSimulator({ limits: { requestsPerMinute: 50, inputTokensPerMinute: 20_000, outputTokensPerMinute: 100 } });
    const result = await modelsFor(simulator).anthropic.doGenerate(batchCall(['a'], { maxOutputTokens: 50 }));
    const headers = result.response!.headers!;
    expect(headers['anthropic-ratelimit-requests-reset']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const resetMs = Date.parse(headers['anthropic-ratelimit-requests-reset']!) - Date.now();
    expect(resetMs).toBeGreaterThan(0);
    // A request refills in 1.2 s; the header rounds up to the whole second.
    expect(resetMs).toBeLessThanOrEqual(2200);
    expect(headers['anthropic-ratelimit-tokens-limit']).toBe('100');
    expect(headers['anthropic-ratelimit-tokens-remaining']).toBe(headers['anthropic-ratelimit-output-tokens-remaining']);
  });

  it('answers overloaded with 529 overloaded_error, before and during a stream', async () => {
    simulator = await startSimulator({ faults: { overloadedRate: 1 } });
    const model = modelsFor(simulator).anthropic;
    const error = await apiError(model.doGenerate(batchCall(['a'])));
    expect(error.statusCode).toBe(529);
    expect(error.isRetryable).toBe(true);
    expect(JSON.parse(error.responseBody!)).toMatchObject({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    const streamError = await apiError(model.doStream(batchCall(['a'])));
    expect(streamError.statusCode).toBe(529);
  });

  it('answers no credit with the real 400 invalid_request_error, and a spent usage limit with its renewal date', async () => {
    simulator = await startSimulator({ faults: { failAll: 'billing' } });
    const model = modelsFor(simulator).anthropic;
    const billing = await apiError(model.doGenerate(batchCall(['a'])));
    expect(billing.statusCode).toBe(400);
    expect(JSON.parse(billing.responseBody!).error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining('credit balance is too low') });
    simulator.setFaults({ failAll: 'quota' });
    const quota = await apiError(model.doGenerate(batchCall(['a'])));
    expect(quota.statusCode).toBe(400);
    expect(JSON.parse(quota.responseBody!).error.message).toMatch(/You will regain access on \d{4}-\d\d-01 at 00:00 UTC\.$/);
  });

  it('sends 429, 529, billing and auth errors shaped like the real ones', async () => {
    simulator = await startSimulator({ limits: { requestsPerMinute: 50, inputTokensPerMinute: 20, outputTokensPerMinute: 8000 } });
    const model = modelsFor(simulator).anthropic;
    await model.doGenerate(batchCall(['a']));
    const rateLimited = await apiError(model.doGenerate(batchCall(['a'])));
    simulator.setFaults({ overloadedRate: 1 });
    const overloaded = await apiError(model.doGenerate(batchCall(['a'])));
    simulator.setFaults({ overloadedRate: 0, failAll: 'billing' });
    const billing = await apiError(model.doGenerate(batchCall(['a'])));
    simulator.setFaults({ failAll: 'auth' });
    const auth = await apiError(model.doGenerate(batchCall(['a'])));
    const cases = [
      [rateLimited, 'anthropic-429-rate-limit'],
      [overloaded, 'anthropic-529-overloaded'],
      [billing, 'anthropic-400-credit-balance'],
      [auth, 'anthropic-401-authentication'],
    ] as const;
    for (const [error, name] of cases) {
      const fixture = loadFixture(name);
      expect(error.statusCode).toBe(fixture.status);
      expect(Object.keys(error.responseHeaders ?? {})).toEqual(expect.arrayContaining(Object.keys(fixture.headers)));
      expect(shapeOf(JSON.parse(error.responseBody!))).toEqual(shapeOf(fixture.body));
    }
  });
});
