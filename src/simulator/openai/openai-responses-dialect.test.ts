import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, type LanguageModelV4 } from '@ai-sdk/provider';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../start-simulator.ts';
import type { Simulator } from '../simulator.ts';
import type { SimulatorOptions } from '../simulator-options.ts';
import { batchCall, expectValidBatch, readParts, rejectionOf, streamedText } from '../test-support.ts';

let simulator: Simulator;
afterEach(() => simulator?.close());

async function responsesModel(options: SimulatorOptions = {}): Promise<LanguageModelV4> {
  simulator = await startSimulator(options);
  return createOpenAI({ baseURL: simulator.baseUrls.openai, apiKey: 'test-key' }).responses('gpt-4o-mini');
}

describe('the OpenAI Responses dialect, through @ai-sdk/openai', () => {
  it('answers structured-output calls with schema-valid JSON, whole and streamed, with the request id and limit headers', async () => {
    const model = await responsesModel({ limits: { requestsPerMinute: 600 } });
    const result = await model.doGenerate(batchCall(['r1', 'r2']));
    const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
    expectValidBatch(text, ['r1', 'r2']);
    expect(result.finishReason.unified).toBe('stop');
    expect(result.usage.outputTokens.total).toBeGreaterThan(0);
    expect(result.response?.headers).toMatchObject({ 'x-ratelimit-limit-requests': '600', 'x-request-id': expect.stringMatching(/^req_/) });

    const { stream, response } = await model.doStream(batchCall(['r1', 'r2']));
    const parts = await readParts(stream);
    expect(streamedText(parts)).toBe(text);
    expect(parts.filter((part) => part.type === 'text-delta').length).toBeGreaterThan(1);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'stop' }, usage: { outputTokens: { total: result.usage.outputTokens.total } } });
    expect(response?.headers).toMatchObject({ 'content-type': 'text/event-stream; charset=utf-8', 'x-request-id': expect.stringMatching(/^req_/) });
  });

  it('ends an answer cut at max_output_tokens as incomplete, whole and streamed', async () => {
    const model = await responsesModel();
    const result = await model.doGenerate(batchCall(['r1', 'r2'], { maxOutputTokens: 5 }));
    expect(result.finishReason.unified).toBe('length');
    const parts = await readParts((await model.doStream(batchCall(['r1', 'r2'], { maxOutputTokens: 5 }))).stream);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'length' } });
  });

  it('fails a stream part-way with an error event', async () => {
    const model = await responsesModel({ faults: { midStreamErrorRate: 1 } });
    const parts = await readParts((await model.doStream(batchCall(['r1', 'r2', 'r3', 'r4']))).stream);
    expect(parts.some((part) => part.type === 'text-delta')).toBe(true);
    expect(parts.find((part) => part.type === 'error')).toMatchObject({ error: { type: 'error', code: 'server_error' } });
  });

  it('answers a rate limit like Chat Completions: a retryable 429 with the wait and limit headers', async () => {
    const model = await responsesModel({ limits: { requestsPerMinute: 600 }, faults: { rateLimitRate: 1, rateLimitRetryAfterMs: 2000 } });
    const error = await rejectionOf(model.doGenerate(batchCall(['r1'])));
    if (!APICallError.isInstance(error)) throw error;
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.responseHeaders).toMatchObject({ 'retry-after': '2', 'retry-after-ms': '2000', 'x-ratelimit-limit-requests': '600' });
    expect(JSON.parse(error.responseBody!)).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
  });
});
