import OpenAI, { RateLimitError, toFile } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.ts';
import { parseReview, pollUntil, reviewSchema } from './support/sdk-test-support.ts';

let simulator: Simulator | undefined;
afterEach(() => simulator?.close());

async function clientFor(options: SimulatorOptions = {}): Promise<OpenAI> {
  simulator = await startSimulator(options);
  return new OpenAI({ baseURL: simulator.baseUrls.openai, apiKey: 'sk-test-openai-sdk', maxRetries: 0 });
}

const messages = [
  { role: 'system', content: 'Classify the sentiment of the review.' },
  { role: 'user', content: 'I liked it a lot.' },
] as const;
const requestId = /^req_[A-Za-z0-9]{32}$/;

describe('the openai SDK against the simulator', () => {
  it('creates chat completions, with the request id in x-request-id', async () => {
    const client = await clientFor();
    const { data: completion, request_id, response } = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [...messages] }).withResponse();
    expect(request_id).toMatch(requestId);
    expect(response.headers.get('x-request-id')).toBe(request_id);
    expect((await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [...messages] }))._request_id).toMatch(requestId);
    expect(completion.choices[0]?.message.content).not.toBe('');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams chat completions, usage last', async () => {
    const client = await clientFor();
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [...messages], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).not.toBe('');
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('answers a json_schema response_format with schema-valid JSON', async () => {
    const client = await clientFor();
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [...messages],
      response_format: { type: 'json_schema', json_schema: { name: 'review', schema: reviewSchema, strict: true } },
    });
    parseReview(completion.choices[0]!.message.content!);
  });

  it('creates responses, with output_text and the request id', async () => {
    const client = await clientFor();
    const { data: response, request_id } = await client.responses.create({ model: 'gpt-4o-mini', instructions: messages[0].content, input: messages[1].content }).withResponse();
    expect(request_id).toMatch(requestId);
    expect(response).toMatchObject({ object: 'response', status: 'completed', model: 'gpt-4o-mini' });
    expect(response.id).toMatch(/^resp_/);
    expect(response.output_text).not.toBe('');
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
  });

  it('streams responses in the Responses event sequence', async () => {
    const client = await clientFor();
    const stream = await client.responses.create({ model: 'gpt-4o-mini', input: [...messages], stream: true });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);

    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const types = events.map((event) => event.type).filter((type, index, all) => type !== all[index - 1]);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const text = events.map((event) => (event.type === 'response.output_text.delta' ? event.delta : '')).join('');
    const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    expect(completed.response.output).toEqual([expect.objectContaining({ type: 'message', content: [expect.objectContaining({ type: 'output_text', text })] })]);
    const added = events.find((event) => event.type === 'response.output_item.added')!;
    expect(added.item.id).toBe(completed.response.output[0]!.id);
  });

  it('streams responses through the SDK stream helper to the same final response', async () => {
    const client = await clientFor();
    const stream = client.responses.stream({ model: 'gpt-4o-mini', input: 'Say hi' });
    let text = '';
    stream.on('response.output_text.delta', (event) => (text += event.delta));
    const response = await stream.finalResponse();
    expect(response.output_text).toBe(text);
    expect(response.status).toBe('completed');
  });

  it('answers a text.format json_schema with schema-valid JSON, whole and streamed', async () => {
    const client = await clientFor();
    const request = {
      model: 'gpt-4o-mini',
      input: [...messages],
      text: { format: { type: 'json_schema', name: 'review', schema: reviewSchema, strict: true } },
    } satisfies OpenAI.Responses.ResponseCreateParamsNonStreaming;
    parseReview((await client.responses.create(request)).output_text);
    const final = await client.responses.stream(request).finalResponse();
    parseReview(final.output_text);
  });

  it('puts responses under the same limits as chat completions: past them, a RateLimitError saying when to retry', async () => {
    const client = await clientFor({ limits: { requestsPerDay: 2 } });
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [...messages] });
    await client.responses.create({ model: 'gpt-4o-mini', input: 'Say hi' });
    const error = await client.responses.create({ model: 'gpt-4o-mini', input: 'Say hi' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).requestID).toMatch(requestId);
    expect(Number((error as RateLimitError).headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it.each(['/v1/chat/completions', '/v1/responses'] as const)('runs a batch on %s: upload, create, follow, download', async (endpoint) => {
    const client = await clientFor({ batch: { completeAfterMs: 50 } });
    const body = (index: number) =>
      endpoint === '/v1/responses'
        ? { model: 'gpt-4o-mini', input: [...messages], text: { format: { type: 'json_schema', name: 'review', schema: reviewSchema } } }
        : { model: 'gpt-4o-mini', messages: [...messages], response_format: { type: 'json_schema', json_schema: { name: 'review', schema: reviewSchema } }, seed: index };
    const lines = [1, 2, 3].map((index) => JSON.stringify({ custom_id: `row-${index}`, method: 'POST', url: endpoint, body: body(index) }));
    const input = await client.files.create({ file: await toFile(Buffer.from(lines.join('\n')), 'input.jsonl'), purpose: 'batch' });
    expect(input).toMatchObject({ object: 'file', purpose: 'batch', filename: 'input.jsonl' });

    const created = await client.batches.create({ input_file_id: input.id, endpoint, completion_window: '24h' });
    expect(created.status).toBe('validating');
    const batch = await pollUntil(() => client.batches.retrieve(created.id), (current) => current.status === 'completed');
    expect(batch.request_counts).toEqual({ total: 3, completed: 3, failed: 0 });

    const output = await (await client.files.content(batch.output_file_id!)).text();
    const results = output.trim().split('\n').map((line) => JSON.parse(line) as { custom_id: string; response: { status_code: number; body: unknown } });
    expect(results.map((result) => [result.custom_id, result.response.status_code])).toEqual([['row-1', 200], ['row-2', 200], ['row-3', 200]]);
    for (const { response } of results) parseReview(answerText(endpoint, response.body));
  });
});

/** The text of a batch result's body: a Responses `response` or a `chat.completion`. */
function answerText(endpoint: '/v1/chat/completions' | '/v1/responses', body: unknown): string {
  if (endpoint === '/v1/chat/completions') return (body as OpenAI.ChatCompletion).choices[0]!.message.content!;
  const messages = (body as OpenAI.Responses.Response).output.flatMap((item) => (item.type === 'message' ? item.content : []));
  return messages.map((part) => (part.type === 'output_text' ? part.text : '')).join('');
}
