// Tool calls through the official openai SDK against the simulator, in the shapes the SDK types
// (https://platform.openai.com/docs/guides/function-calling): Chat Completions `tool_calls` and
// `tool` messages, Responses `function_call` items and `function_call_output` inputs, streamed and
// whole; and the 400s OpenAI answers for conversations it cannot follow.
import OpenAI, { BadRequestError } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

let simulator: Simulator | undefined;
afterEach(() => simulator?.close());

async function client(): Promise<OpenAI> {
  simulator = await startSimulator({ seed: 7 });
  return new OpenAI({ baseURL: simulator.baseUrls.openai, apiKey: 'sk-test-openai-sdk-tools', maxRetries: 0 });
}

const weatherParameters = {
  type: 'object',
  properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
  required: ['city', 'unit'],
  additionalProperties: false,
} as const;
const timeParameters = { type: 'object', properties: { timezone: { type: 'string' } }, required: ['timezone'], additionalProperties: false } as const;
const chatTools: OpenAI.Chat.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', description: 'Current weather of a city', parameters: weatherParameters, strict: true } },
  { type: 'function', function: { name: 'get_time', description: 'Current time in a timezone', parameters: timeParameters } },
];
const question: OpenAI.Chat.ChatCompletionMessageParam = { role: 'user', content: 'What is the weather in Paris?' };

function argumentsOf(toolCall: OpenAI.Chat.ChatCompletionMessageToolCall): Record<string, unknown> {
  if (toolCall.type !== 'function') throw new Error(`not a function call: ${toolCall.type}`);
  return JSON.parse(toolCall.function.arguments) as Record<string, unknown>;
}

describe('Chat Completions tool calls through the openai SDK', () => {
  it('answers a forced tool choice with a call of that function, takes its result back, and answers', async () => {
    const openai = await client();
    const forced = { type: 'function', function: { name: 'get_weather' } } as const;
    const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [question], tools: chatTools, tool_choice: forced });
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toEqual([{ id: expect.stringMatching(/^call_[A-Za-z0-9]{24}$/), type: 'function', function: { name: 'get_weather', arguments: expect.any(String) } }]);
    const toolCall = choice.message.tool_calls![0]!;
    // Schema-valid arguments, the city taken from the prompt.
    expect(argumentsOf(toolCall)).toEqual({ city: 'Paris', unit: expect.stringMatching(/^(celsius|fahrenheit)$/) });
    expect(completion.usage!.completion_tokens).toBe(Math.ceil(('get_weather'.length + (toolCall.type === 'function' ? toolCall.function.arguments.length : 0)) / 4));

    const followUp = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [question, choice.message, { role: 'tool', tool_call_id: toolCall.id, content: '{"celsius":21}' }],
      tools: chatTools,
    });
    // Free to choose, it calls the tool it has not called yet, then answers.
    expect(followUp.choices[0]!.message.tool_calls?.map((call) => (call.type === 'function' ? call.function.name : call.type))).toEqual(['get_time']);
    const timeCall = followUp.choices[0]!.message.tool_calls![0]!;
    const final = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [question, choice.message, { role: 'tool', tool_call_id: toolCall.id, content: '{"celsius":21}' }, followUp.choices[0]!.message, { role: 'tool', tool_call_id: timeCall.id, content: '12:00' }],
      tools: chatTools,
    });
    expect(final.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant', content: expect.any(String) } });
    expect(final.choices[0]!.message.tool_calls).toBeUndefined();
  });

  it('makes independent calls in parallel when it may, one at a time when parallel_tool_calls is false, none under tool_choice none', async () => {
    const openai = await client();
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris and in Lima, please.' }];
    const parallel = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: chatTools, tool_choice: 'required' });
    const calls = parallel.choices[0]!.message.tool_calls!;
    expect(calls.map(argumentsOf).map((args) => args.city)).toEqual(['Paris', 'Lima']);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
    const single = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: chatTools, tool_choice: 'required', parallel_tool_calls: false });
    expect(single.choices[0]!.message.tool_calls).toHaveLength(1);
    const none = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: chatTools, tool_choice: 'none' });
    expect(none.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: expect.any(String) } });
  });

  it('streams tool calls as deltas with their index, which the SDK stream helper assembles', async () => {
    const openai = await client();
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris and in Lima, please.' }];
    const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: chatTools, tool_choice: 'required', stream: true, stream_options: { include_usage: true } });
    const deltas: OpenAI.Chat.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    let finishReason: string | null = null;
    for await (const chunk of stream) {
      deltas.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
    }
    expect(finishReason).toBe('tool_calls');
    expect(deltas.filter((delta) => delta.id !== undefined).map((delta) => [delta.index, delta.function?.name])).toEqual([[0, 'get_weather'], [1, 'get_weather']]);
    const joined = [0, 1].map((index) => deltas.filter((delta) => delta.index === index).map((delta) => delta.function?.arguments ?? '').join(''));
    expect(joined.map((text) => JSON.parse(text).city)).toEqual(['Paris', 'Lima']);

    const final = await openai.chat.completions.stream({ model: 'gpt-4o-mini', messages, tools: chatTools, tool_choice: 'required' }).finalChatCompletion();
    expect(final.choices[0]!.message.tool_calls!.map(argumentsOf).map((args) => args.city)).toEqual(['Paris', 'Lima']);
  });

  it('sends the 400s OpenAI answers for tool messages that answer no call, and calls left unanswered', async () => {
    const openai = await client();
    const orphan = await openai.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [question, { role: 'tool', tool_call_id: 'call_nothing', content: '21' }], tools: chatTools })
      .catch((caught: unknown) => caught);
    expect(orphan).toBeInstanceOf(BadRequestError);
    expect(orphan).toMatchObject({ status: 400, param: 'messages.[1].role', message: expect.stringContaining("messages with role 'tool' must be a response to a preceeding message with 'tool_calls'") });
    const call = { id: 'call_pending', type: 'function', function: { name: 'get_weather', arguments: '{}' } } as const;
    const unanswered = await openai.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [question, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'user', content: 'Well?' }], tools: chatTools })
      .catch((caught: unknown) => caught);
    expect(unanswered).toMatchObject({ status: 400, param: 'messages.[2].role', message: expect.stringContaining('did not have response messages: call_pending') });
    const badName = await openai.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [question], tools: [{ type: 'function', function: { name: 'get.weather', parameters: weatherParameters } }] })
      .catch((caught: unknown) => caught);
    expect(badName).toMatchObject({ status: 400, code: 'invalid_value', param: 'tools[0].function.name' });
  });
});

const responseTools: OpenAI.Responses.FunctionTool[] = [
  { type: 'function', name: 'get_weather', description: 'Current weather of a city', parameters: weatherParameters, strict: true },
  { type: 'function', name: 'get_time', description: 'Current time in a timezone', parameters: timeParameters, strict: false },
];

describe('Responses API tool calls through the openai SDK', () => {
  it('answers a forced tool choice with function_call items, takes function_call_output back, and answers', async () => {
    const openai = await client();
    const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const response = await openai.responses.create({ model: 'gpt-4o-mini', input, tools: responseTools, tool_choice: { type: 'function', name: 'get_weather' } });
    expect(response.output).toEqual([
      { type: 'function_call', id: expect.stringMatching(/^fc_/), call_id: expect.stringMatching(/^call_/), name: 'get_weather', arguments: expect.any(String), status: 'completed' },
    ]);
    expect(response.output_text).toBe('');
    const call = response.output[0] as OpenAI.Responses.ResponseFunctionToolCall;
    expect(JSON.parse(call.arguments)).toMatchObject({ city: 'Paris' });

    const next = await openai.responses.create({
      model: 'gpt-4o-mini',
      // The call goes back as the SDK returned it, beside its output.
      input: [...input, call, { type: 'function_call_output', call_id: call.call_id, output: '{"celsius":21}' }],
      tools: responseTools,
      tool_choice: 'none',
    });
    expect(next.status).toBe('completed');
    expect(next.output_text).not.toBe('');
  });

  it('streams function calls as added, arguments delta and done, item done; the stream helper ends on the same response', async () => {
    const openai = await client();
    const request = { model: 'gpt-4o-mini', input: 'Weather in Paris and in Lima, please.', tools: responseTools, tool_choice: 'required' } as const;
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of await openai.responses.create({ ...request, stream: true })) events.push(event);
    const types = events.map((event) => event.type).filter((type, index, all) => type !== all[index - 1]);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    for (const [index, item] of completed.response.output.entries()) {
      const streamed = events.flatMap((event) => (event.type === 'response.function_call_arguments.delta' && event.output_index === index ? [event.delta] : [])).join('');
      expect(item).toMatchObject({ type: 'function_call', arguments: streamed });
    }
    const final = await openai.responses.stream(request).finalResponse();
    expect(final.output.map((item) => (item.type === 'function_call' ? JSON.parse(item.arguments).city : item.type))).toEqual(['Paris', 'Lima']);
  });

  it('sends the 400s the Responses API answers for outputs with no call and calls with no output', async () => {
    const openai = await client();
    const orphan = await openai.responses
      .create({ model: 'gpt-4o-mini', input: [{ role: 'user', content: 'Hi' }, { type: 'function_call_output', call_id: 'call_nothing', output: '21' }] })
      .catch((caught: unknown) => caught);
    expect(orphan).toBeInstanceOf(BadRequestError);
    expect(orphan).toMatchObject({ status: 400, param: 'input', message: expect.stringContaining('No tool call found for function call output with call_id call_nothing.') });
    const unanswered = await openai.responses
      .create({ model: 'gpt-4o-mini', input: [{ role: 'user', content: 'Hi' }, { type: 'function_call', call_id: 'call_pending', name: 'get_weather', arguments: '{}' }] })
      .catch((caught: unknown) => caught);
    expect(unanswered).toMatchObject({ status: 400, param: 'input', message: expect.stringContaining('No tool output found for function call call_pending.') });
  });
});
