import { createAnthropic } from '@ai-sdk/anthropic';
import Anthropic, { RateLimitError } from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.ts';
import { pollUntil } from './support/sdk-test-support.ts';

let simulator: Simulator | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await simulator?.close();
});

const apiKey = 'sk-ant-test-anthropic-sdk';

// The Anthropic SDK's base URL is the origin: it adds `/v1/messages` itself.
async function clientFor(options: SimulatorOptions = {}): Promise<Anthropic> {
  simulator = await startSimulator(options);
  return new Anthropic({ baseURL: simulator.url, apiKey, maxRetries: 0 });
}

const request = {
  model: 'claude-haiku-4-5',
  max_tokens: 1024,
  system: 'Classify the sentiment of the review.',
  messages: [{ role: 'user', content: 'I liked it a lot.' }],
} satisfies Anthropic.MessageCreateParamsNonStreaming;
const requestId = /^req_011C[A-Za-z0-9]{20}$/;

function textOf(message: Anthropic.Message): string {
  return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

describe('the Anthropic SDK against the simulator', () => {
  it('creates messages, with the request id in request-id', async () => {
    const client = await clientFor();
    const { data: message, request_id, response } = await client.messages.create(request).withResponse();
    expect(request_id).toMatch(requestId);
    expect(response.headers.get('request-id')).toBe(request_id);
    expect((await client.messages.create(request))._request_id).toMatch(requestId);
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-haiku-4-5', stop_reason: 'end_turn' });
    expect(textOf(message)).not.toBe('');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams messages, raw events and through the stream helper', async () => {
    const client = await clientFor();
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of await client.messages.create({ ...request, stream: true })) events.push(event);
    expect(events[0]?.type).toBe('message_start');
    expect(events.at(-1)?.type).toBe('message_stop');
    const streamed = events.map((event) => (event.type === 'content_block_delta' && event.delta.type === 'text_delta' ? event.delta.text : '')).join('');
    expect(streamed).not.toBe('');

    const stream = client.messages.stream(request);
    let text = '';
    stream.on('text', (delta) => (text += delta));
    const message = await stream.finalMessage();
    expect(textOf(message)).toBe(text);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('runs a message batch: create, follow until ended, read the results', async () => {
    const client = await clientFor({ batch: { completeAfterMs: 50 } });
    const created = await client.messages.batches.create({
      requests: ['row-1', 'row-2', 'row-3'].map((customId) => ({ custom_id: customId, params: request })),
    });
    expect(created).toMatchObject({ type: 'message_batch', processing_status: 'in_progress' });
    const ended = await pollUntil(() => client.messages.batches.retrieve(created.id), (batch) => batch.processing_status === 'ended');
    expect(ended.request_counts).toMatchObject({ succeeded: 3, errored: 0 });

    const results: Anthropic.Messages.MessageBatchIndividualResponse[] = [];
    for await (const result of await client.messages.batches.results(created.id)) results.push(result);
    expect(results.map((result) => [result.custom_id, result.result.type])).toEqual([
      ['row-1', 'succeeded'],
      ['row-2', 'succeeded'],
      ['row-3', 'succeeded'],
    ]);
    for (const { result } of results) if (result.type === 'succeeded') expect(textOf(result.message)).not.toBe('');
  });

  it('surfaces a 429 as a RateLimitError with its headers', async () => {
    const client = await clientFor({ limits: { requestsPerMinute: 1000 }, faults: { rateLimitRate: 1, rateLimitRetryAfterMs: 3000 } });
    const error = await client.messages.create(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    const { headers, requestID, status } = error as RateLimitError;
    expect(status).toBe(429);
    expect(requestID).toMatch(requestId);
    expect(headers.get('retry-after')).toBe('3');
    expect(headers.get('x-should-retry')).toBe('true');
    expect(headers.get('anthropic-ratelimit-requests-limit')).toBe('1000');
    expect((error as RateLimitError).error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('takes the origin as ANTHROPIC_BASE_URL, as the banner prints it, and so does the AI SDK', async () => {
    simulator = await startSimulator();
    vi.stubEnv('ANTHROPIC_BASE_URL', simulator.url);
    const message = await new Anthropic({ apiKey, maxRetries: 0 }).messages.create(request);
    expect(textOf(message)).not.toBe('');
    const result = await createAnthropic({ apiKey })('claude-haiku-4-5').doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Say hi' }] }] });
    expect(result.content[0]).toMatchObject({ type: 'text' });
    expect(simulator.stats().perKeyModel.find((entry) => entry.provider === 'anthropic')?.accepted).toBe(2);

    // The batch API too: a batch the AI SDK's path created is the one Anthropic's SDK reads.
    const created = await fetch(`${simulator.url}/messages/batches`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ requests: [{ custom_id: 'row-1', params: request }] }),
    });
    expect(created.headers.get('request-id')).toMatch(requestId);
    const { id } = (await created.json()) as { id: string };
    expect(await new Anthropic({ apiKey, maxRetries: 0 }).messages.batches.retrieve(id)).toMatchObject({ id, request_counts: { processing: 1 } });
  });
});
