import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, type Experimental_BatchV4 } from '@ai-sdk/provider';
import {
  experimental_cancelBatch as cancelBatch,
  experimental_getBatchResults as getBatchResults,
  experimental_getBatchStatus as getBatchStatus,
  experimental_listBatches as listBatches,
  type Experimental_BatchReference,
} from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderName } from '../provider-name.ts';
import { startSimulator } from '../start-simulator.ts';
import type { Simulator } from '../simulator.ts';
import { batchCall, expectValidBatch, rejectionOf } from '../test-support.ts';

let simulator: Simulator;
afterEach(() => simulator?.close());

const providers: ProviderName[] = ['openai', 'anthropic', 'google'];
const modelIds: Record<ProviderName, string> = { openai: 'gpt-4o-mini', anthropic: 'claude-haiku-4-5', google: 'gemini-2.5-flash' };

/** The real AI SDK batch interface of `provider`, pointed at the simulator. */
function batchApiFor(provider: ProviderName, apiKey = 'test-key'): Experimental_BatchV4 {
  const baseURL = simulator.baseUrls[provider];
  if (provider === 'openai') return createOpenAI({ baseURL, apiKey }).experimental_batch();
  if (provider === 'anthropic') return createAnthropic({ baseURL, apiKey }).experimental_batch();
  return createGoogleGenerativeAI({ baseURL, apiKey }).experimental_batch();
}

/** Starts a batch of one-row requests (`padding` characters of filler each) and returns its reference. */
async function start(provider: ProviderName, count: number, { padding = 0, apiKey = 'test-key' } = {}): Promise<Experimental_BatchReference> {
  const batchApi = batchApiFor(provider, apiKey);
  const requests = Array.from({ length: count }, (_, index) => {
    const options = batchCall([`row-${index}`]);
    if (padding > 0) options.prompt.push({ role: 'user', content: [{ type: 'text', text: 'x'.repeat(padding) }] });
    return { id: `item-${index}`, type: 'text' as const, modelId: modelIds[provider], options: { ...options, maxOutputTokens: 1000 } };
  });
  const { batchId } = await batchApi.doStartBatch({ requests });
  return { version: 2, id: batchId, provider: batchApi.provider };
}

async function resultsOf(provider: ProviderName, batch: Experimental_BatchReference) {
  const results = [];
  for await (const item of getBatchResults({ provider: batchApiFor(provider), batch })) results.push(item);
  return results;
}

describe.each(providers)('the simulated %s batch API', (provider) => {
  it('runs a batch to its end, counting requests as they finish', async () => {
    simulator = await startSimulator({ batch: { completeAfterMs: 800 } });
    const batch = await start(provider, 4);
    const early = await getBatchStatus({ provider: batchApiFor(provider), batch });
    expect(early.status).toBe('pending');
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Items finish at 200, 400, 600 and 800 ms.
    const midway = await getBatchStatus({ provider: batchApiFor(provider), batch });
    expect(midway).toMatchObject({ status: 'pending', requestCounts: { total: 4 } });
    expect(midway.requestCounts!.completed).toBeGreaterThanOrEqual(1);
    expect(midway.requestCounts!.completed).toBeLessThanOrEqual(3);
    expect(midway.requestCounts!.pending).toBe(4 - midway.requestCounts!.completed);
    await expect.poll(async () => (await getBatchStatus({ provider: batchApiFor(provider), batch })).status, { interval: 50 }).toBe('completed');
    const results = await resultsOf(provider, batch);
    expect(results.map((item) => [item.id, item.status]).sort()).toEqual([0, 1, 2, 3].map((index) => [`item-${index}`, 'succeeded']));
    for (const item of results) if (item.type === 'text' && item.status === 'succeeded') expectValidBatch(item.text, [`row-${item.id.split('-')[1]}`]);
  });

  it('keeps batches to the key that created them', async () => {
    simulator = await startSimulator({ batch: { completeAfterMs: 0 } });
    const batch = await start(provider, 1, { apiKey: 'key-one' });
    const error = await rejectionOf(getBatchStatus({ provider: batchApiFor(provider, 'key-two'), batch, maxRetries: 0 }));
    expect(APICallError.isInstance(error) && error.statusCode).toBe(404);
    const listed = await listBatches({ provider: batchApiFor(provider, 'key-one') });
    expect(listed.batches.map((listedBatch) => listedBatch.id)).toEqual([batch.id]);
  });

  it('cancels the items not yet finished', async () => {
    simulator = await startSimulator({ batch: { completeAfterMs: 60_000 } });
    const batch = await start(provider, 3);
    await cancelBatch({ provider: batchApiFor(provider), batch });
    const status = await getBatchStatus({ provider: batchApiFor(provider), batch });
    expect(status.status).not.toBe('pending');
    const results = await resultsOf(provider, batch);
    // Gemini lists no cancelled items; the others list each as cancelled.
    expect(results.every((item) => item.status === 'cancelled')).toBe(true);
    expect(simulator.stats().batch[provider]).toMatchObject({ created: 1, cancelled: 3, succeeded: 0, billedOutputTokens: 0 });
  });

  it('refuses to create batches without credit, but still serves existing ones', async () => {
    simulator = await startSimulator({ batch: { completeAfterMs: 0 } });
    const batch = await start(provider, 1);
    simulator.setFaults({ failAll: 'billing' });
    const error = await rejectionOf(start(provider, 1));
    expect(APICallError.isInstance(error) && [400, 429].includes(error.statusCode!)).toBe(true);
    expect((await getBatchStatus({ provider: batchApiFor(provider), batch })).status).toBe('completed');
  });
});

describe('the simulated batch APIs', () => {
  it('expire the chosen fraction of items: OpenAI in its error file, Anthropic as results, Gemini by leaving them out', async () => {
    simulator = await startSimulator({ batch: { completeAfterMs: 0, expireFraction: 0.5 }, seed: 1 });
    for (const provider of providers) {
      const batch = await start(provider, 10);
      const status = await getBatchStatus({ provider: batchApiFor(provider), batch });
      const results = await resultsOf(provider, batch);
      const succeeded = results.filter((item) => item.status === 'succeeded').length;
      const expired = simulator.stats().batch[provider].expired;
      expect(expired).toBeGreaterThan(0);
      expect(succeeded).toBe(10 - expired);
      expect(status.rawStatus).toBe({ openai: 'expired', anthropic: 'ended', google: 'BATCH_STATE_EXPIRED' }[provider]);
      expect(results.filter((item) => item.status === 'expired')).toHaveLength(provider === 'google' ? 0 : expired);
    }
  });

  it('bills succeeded batch items at half their tokens', async () => {
    simulator = await startSimulator({ batch: { completeAfterMs: 0 } });
    const batch = await start('anthropic', 3);
    const results = await resultsOf('anthropic', batch);
    const tokens = results.reduce(
      (sum, item) => (item.type === 'text' && item.status === 'succeeded' ? { input: sum.input + item.usage.inputTokens!, output: sum.output + item.usage.outputTokens! } : sum),
      { input: 0, output: 0 },
    );
    expect(simulator.stats().batch.anthropic).toMatchObject({
      succeeded: 3,
      inputTokens: tokens.input,
      outputTokens: tokens.output,
      billedInputTokens: tokens.input / 2,
      billedOutputTokens: tokens.output / 2,
    });
  });

  it('fails an OpenAI batch whose input file does not validate', async () => {
    simulator = await startSimulator();
    const headers = { authorization: 'Bearer test-key' };
    const form = new FormData();
    form.append('file', new Blob(['{"custom_id":"a","method":"POST","url":"/v1/responses","body":{}}\nnot json\n']), 'batch.jsonl');
    form.append('purpose', 'batch');
    const file = (await (await fetch(`${simulator.url}/v1/files`, { method: 'POST', headers, body: form })).json()) as { id: string };
    const response = await fetch(`${simulator.url}/v1/batches`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ input_file_id: file.id, endpoint: '/v1/responses', completion_window: '24h' }),
    });
    const batch = (await response.json()) as Record<string, unknown>;
    expect(batch).toMatchObject({ object: 'batch', status: 'failed', errors: { data: [{ code: 'invalid_json_line', line: 2 }] }, output_file_id: null });
    const status = await getBatchStatus({ provider: batchApiFor('openai'), batch: { version: 2, id: batch.id as string, provider: 'openai.batch' } });
    expect(status).toMatchObject({ status: 'failed', error: { code: 'invalid_json_line' } });
  });

  it('takes a Gemini batch too large to send inline through a file upload, and answers in a file', async () => {
    simulator = await startSimulator({ batch: { completeAfterMs: 0 } });
    // The AI SDK switches to a file when the inline body would reach 20 MB.
    const batch = await start('google', 11, { padding: 2_000_000 });
    const results = await resultsOf('google', batch);
    expect(results.filter((item) => item.status === 'succeeded')).toHaveLength(11);
    const operation = (await (await fetch(`${simulator.baseUrls.google}/${batch.id}`, { headers: { 'x-goog-api-key': 'test-key' } })).json()) as {
      metadata: { inputConfig?: { fileName: string } };
      response: { responsesFile?: string };
    };
    expect(operation.metadata.inputConfig?.fileName).toMatch(/^files\//);
    expect(operation.response.responsesFile).toMatch(/^files\/batch-/);
  });
});
