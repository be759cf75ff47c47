// Tool use through the official Anthropic SDK against the simulator, in the shapes the SDK types
// (https://platform.claude.com/docs/en/agents-and-tools/tool-use/implement-tool-use): `tool_use`
// blocks with `stop_reason: 'tool_use'`, `tool_result` blocks back, `input_json_delta` streaming;
// and the 400s the Messages API answers for tool results that do not follow their tool use.
import Anthropic, { BadRequestError } from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

let simulator: Simulator | undefined;
afterEach(() => simulator?.close());

async function client(): Promise<Anthropic> {
  simulator = await startSimulator({ seed: 7 });
  return new Anthropic({ baseURL: simulator.url, apiKey: 'sk-ant-test-anthropic-sdk-tools', maxRetries: 0 });
}

const tools: Anthropic.Tool[] = [
  {
    name: 'get_weather',
    description: 'Current weather of a city',
    input_schema: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city'] },
  },
  { name: 'get_time', description: 'Current time in a timezone', input_schema: { type: 'object', properties: { timezone: { type: 'string' } }, required: ['timezone'] } },
];
const base = { model: 'claude-haiku-4-5', max_tokens: 1024, tools } as const;
const question: Anthropic.MessageParam = { role: 'user', content: 'What is the weather in Paris?' };

function toolUses(message: Anthropic.Message): Anthropic.ToolUseBlock[] {
  return message.content.filter((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
}

function resultsFor(message: Anthropic.Message): Anthropic.MessageParam {
  return { role: 'user', content: toolUses(message).map((use) => ({ type: 'tool_result' as const, tool_use_id: use.id, content: '21 °C' })) };
}

describe('Anthropic tool use through the SDK', () => {
  it('answers tool_choice tool with a tool_use block, takes the tool_result back, and answers in text', async () => {
    const anthropic = await client();
    const message = await anthropic.messages.create({ ...base, messages: [question], tool_choice: { type: 'tool', name: 'get_weather' } });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([{ type: 'tool_use', id: expect.stringMatching(/^toolu_01[A-Za-z0-9]{22}$/), name: 'get_weather', input: expect.objectContaining({ city: 'Paris' }) }]);

    const second = await anthropic.messages.create({ ...base, messages: [question, { role: 'assistant', content: message.content }, resultsFor(message)] });
    expect(toolUses(second).map((use) => use.name)).toEqual(['get_time']);
    const final = await anthropic.messages.create({
      ...base,
      messages: [question, { role: 'assistant', content: message.content }, resultsFor(message), { role: 'assistant', content: second.content }, resultsFor(second)],
    });
    expect(final.stop_reason).toBe('end_turn');
    expect(final.content).toEqual([{ type: 'text', text: expect.any(String) }]);
  });

  it('calls tools in parallel under any, one at a time with disable_parallel_tool_use, none under none', async () => {
    const anthropic = await client();
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Weather in Paris and in Lima, please.' }];
    const parallel = await anthropic.messages.create({ ...base, messages, tool_choice: { type: 'any' } });
    expect(toolUses(parallel).map((use) => use.input)).toEqual([expect.objectContaining({ city: 'Paris' }), expect.objectContaining({ city: 'Lima' })]);
    const single = await anthropic.messages.create({ ...base, messages, tool_choice: { type: 'any', disable_parallel_tool_use: true } });
    expect(toolUses(single)).toHaveLength(1);
    const none = await anthropic.messages.create({ ...base, messages, tool_choice: { type: 'none' } });
    expect(none.stop_reason).toBe('end_turn');
  });

  it('streams tool_use blocks with input_json_delta, which the stream helper assembles', async () => {
    const anthropic = await client();
    const request = { ...base, messages: [{ role: 'user' as const, content: 'Weather in Paris and in Lima, please.' }], tool_choice: { type: 'any' as const } };
    const events: Anthropic.RawMessageStreamEvent[] = [];
    for await (const event of await anthropic.messages.create({ ...request, stream: true })) events.push(event);
    expect(events.filter((event) => event.type === 'content_block_start').map((event) => [event.index, event.content_block])).toEqual([
      [0, { type: 'tool_use', id: expect.any(String), name: 'get_weather', input: {} }],
      [1, { type: 'tool_use', id: expect.any(String), name: 'get_weather', input: {} }],
    ]);
    const partialJson = (index: number) =>
      events.map((event) => (event.type === 'content_block_delta' && event.index === index && event.delta.type === 'input_json_delta' ? event.delta.partial_json : '')).join('');
    expect([0, 1].map((index) => JSON.parse(partialJson(index)).city)).toEqual(['Paris', 'Lima']);
    expect(events.find((event) => event.type === 'message_delta')).toMatchObject({ delta: { stop_reason: 'tool_use' } });

    const final = await anthropic.messages.stream(request).finalMessage();
    expect(toolUses(final).map((use) => (use.input as { city: string }).city)).toEqual(['Paris', 'Lima']);
  });

  it('sends the 400s the API answers for a tool_result without its tool_use and a tool_use without its result', async () => {
    const anthropic = await client();
    const orphan = await anthropic.messages
      .create({ ...base, messages: [question, { role: 'assistant', content: 'Let me check.' }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01nothing', content: '21' }] }] })
      .catch((caught: unknown) => caught);
    expect(orphan).toBeInstanceOf(BadRequestError);
    expect((orphan as BadRequestError).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01nothing. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.' },
    });
    const use = { type: 'tool_use' as const, id: 'toolu_01pending', name: 'get_weather', input: { city: 'Paris' } };
    const unanswered = await anthropic.messages
      .create({ ...base, messages: [question, { role: 'assistant', content: [use] }, { role: 'user', content: 'Well?' }] })
      .catch((caught: unknown) => caught);
    expect((unanswered as BadRequestError).status).toBe(400);
    expect((unanswered as BadRequestError).message).toContain('messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01pending.');
  });
});
