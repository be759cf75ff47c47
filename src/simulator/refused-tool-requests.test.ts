// Each provider refuses a tool conversation it cannot follow, or a tool it will not take, with a
// 400 of its own; the bodies are real ones, trimmed (see each fixture's "source").
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from './start-simulator.ts';
import type { Simulator } from './simulator.ts';
import { loadFixture, shapeOf } from './test-support.ts';

let simulator: Simulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

const keys = {
  openai: { authorization: 'Bearer test-key' },
  anthropic: { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' },
  google: { 'x-goog-api-key': 'test-key' },
};
const lookup = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

async function refusal(path: string, body: unknown, headers: Record<string, string>, fixtureName: string): Promise<void> {
  simulator ??= await startSimulator();
  const response = await fetch(`${simulator!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const fixture = loadFixture(fixtureName);
  expect(response.status).toBe(fixture.status);
  for (const header of Object.keys(fixture.headers)) expect(response.headers.has(header)).toBe(true);
  const received = (await response.json()) as Record<string, unknown>;
  expect(shapeOf(received)).toEqual(shapeOf(fixture.body));
  const { request_id: _request, ...comparable } = received;
  const { request_id: _fixtureRequest, ...expected } = fixture.body as Record<string, unknown>;
  expect(comparable).toEqual(expected);
}

describe('OpenAI Chat Completions refuses tool conversations it cannot follow', () => {
  const chat = (body: Record<string, unknown>, fixture: string) => refusal('/v1/chat/completions', { model: 'gpt-4o-mini', ...body }, keys.openai, fixture);
  const called = (id: string) => ({ role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: 'lookup', arguments: '{"city":"Paris"}' } }] });

  it('a tool message after no tool call, or answering a call twice', async () => {
    await chat({ messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }, { role: 'tool', tool_call_id: 'call_1', content: '21' }] }, 'openai-400-tool-message-without-call');
    const twice = [{ role: 'user', content: 'Hi' }, called('call_1'), { role: 'tool', tool_call_id: 'call_1', content: '21' }, { role: 'tool', tool_call_id: 'call_1', content: '21' }];
    const response = await fetch(`${simulator!.url}/v1/chat/completions`, { method: 'POST', headers: keys.openai, body: JSON.stringify({ model: 'gpt-4o-mini', messages: twice }) });
    expect(await response.json()).toMatchObject({ error: { param: 'messages.[3].role', message: expect.stringContaining("must be a response to a preceeding message with 'tool_calls'") } });
  });

  it('a tool message answering a call the assistant did not make', async () => {
    await chat({ messages: [{ role: 'user', content: 'Hi' }, called('call_1'), { role: 'tool', tool_call_id: 'call_unknown', content: '21' }] }, 'openai-400-tool-call-id-not-found');
  });

  it('tool calls not followed by their results, before another message or at the end', async () => {
    const messages = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }, called('call_ctiGXrgM0r61c6nkf2v7zbKb'), { role: 'user', content: 'And?' }];
    await chat({ messages }, 'openai-400-tool-calls-without-results');
    const response = await fetch(`${simulator!.url}/v1/chat/completions`, { method: 'POST', headers: keys.openai, body: JSON.stringify({ model: 'gpt-4o-mini', messages: messages.slice(0, 3) }) });
    expect(await response.json()).toMatchObject({ error: { param: 'messages' } });
  });

  it('a function name outside its pattern or past 64 characters, and a strict schema strict mode will not enforce', async () => {
    await chat({ messages: [{ role: 'user', content: 'Hi' }], tools: [{ type: 'function', function: { name: 'get weather', parameters: lookup } }] }, 'openai-400-invalid-tool-name');
    await chat({ messages: [{ role: 'user', content: 'Hi' }], tools: [{ type: 'function', function: { name: 'lookup', parameters: lookup, strict: true } }] }, 'openai-400-invalid-function-parameters');
    const long = 'x'.repeat(81);
    const response = await fetch(`${simulator!.url}/v1/chat/completions`, {
      method: 'POST',
      headers: keys.openai,
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], tools: [{ type: 'function', function: { name: long, parameters: lookup } }] }),
    });
    expect(await response.json()).toEqual({
      error: {
        message: "Invalid 'tools[0].function.name': string too long. Expected a string with maximum length 64, but got a string with length 81 instead.",
        type: 'invalid_request_error',
        param: 'tools[0].function.name',
        code: 'string_above_max_length',
      },
    });
  });
});

describe('the OpenAI Responses API refuses calls and outputs that do not pair', () => {
  const responses = (input: unknown[], fixture: string) => refusal('/v1/responses', { model: 'gpt-4o-mini', input }, keys.openai, fixture);

  it('an output with no call, a call with no output; not when the conversation continues a stored response', async () => {
    await responses([{ role: 'user', content: 'Hi' }, { type: 'function_call_output', call_id: 'call_TnakLSVsqtVt5cJssAhRwMoe', output: '21' }], 'openai-400-responses-tool-output-without-call');
    const call = { type: 'function_call', call_id: 'call_uK3eDRSXx9p45csFRjvXDNPq', name: 'lookup', arguments: '{}' };
    await responses([{ role: 'user', content: 'Hi' }, call], 'openai-400-responses-tool-call-without-output');
    const continued = await fetch(`${simulator!.url}/v1/responses`, {
      method: 'POST',
      headers: keys.openai,
      body: JSON.stringify({ model: 'gpt-4o-mini', previous_response_id: 'resp_earlier', input: [{ type: 'function_call_output', call_id: 'call_1', output: '21' }] }),
    });
    expect(continued.status).toBe(200);
  });
});

describe('Anthropic refuses tool results that do not follow their tool use', () => {
  const messages = (list: unknown[], fixture: string) => refusal('/v1/messages', { model: 'claude-haiku-4-5', max_tokens: 256, messages: list }, keys.anthropic, fixture);

  it('a tool_use whose result is not in the next message', async () => {
    const use = { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01HqfLWiAKQLsniF2fBGF2KD', name: 'lookup', input: { city: 'Paris' } }] };
    await messages([{ role: 'user', content: 'Hi' }, use, { role: 'user', content: 'And?' }], 'anthropic-400-tool-use-without-result');
  });

  it('a tool_result whose tool_use is not in the previous message', async () => {
    const result = { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_019ETtGZEhTBXgWPVsdVnXMh', content: '21' }] };
    await messages([{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }, result], 'anthropic-400-tool-result-without-use');
  });

  it('a tool name outside its pattern', async () => {
    const body = { model: 'claude-haiku-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }], tools: [{ name: 'get weather', input_schema: lookup }] };
    await refusal('/v1/messages', body, keys.anthropic, 'anthropic-400-invalid-tool-name');
  });
});

describe('Gemini refuses function turns out of order and declarations it will not read', () => {
  const generate = (body: Record<string, unknown>, fixture: string, model = 'gemini-2.5-flash') =>
    refusal(`/v1beta/models/${model}:generateContent`, body, keys.google, fixture);
  const user = { role: 'user', parts: [{ text: 'How warm is it in Paris?' }] };
  const callTurn = { role: 'model', parts: [{ functionCall: { name: 'lookup', args: { city: 'Paris' } } }, { functionCall: { name: 'lookup', args: { city: 'Lima' } } }] };
  const response = { functionResponse: { name: 'lookup', response: { celsius: 21 } } };

  it('function responses after no function call turn, or fewer than its calls', async () => {
    await generate({ contents: [user, { role: 'user', parts: [response] }] }, 'gemini-400-function-response-turn');
    await generate({ contents: [user, callTurn, { role: 'user', parts: [response] }] }, 'gemini-400-function-response-count');
  });

  it('a function name it will not take, a parameters field its Schema lacks', async () => {
    const declared = (declaration: Record<string, unknown>) => ({ contents: [user], tools: [{ functionDeclarations: [declaration] }] });
    await generate(declared({ name: '1lookup', parameters: { type: 'OBJECT', properties: {} } }), 'gemini-400-invalid-function-name');
    await generate(declared({ name: 'lookup', parameters: { ...lookup, additionalProperties: false } }), 'gemini-400-unknown-schema-field');
  });

  it('JSON output beside function calling on Gemini 2.5, not on Gemini 3 nor with mode NONE', async () => {
    const body = (mode: string) => ({
      contents: [user],
      tools: [{ functionDeclarations: [{ name: 'lookup', parametersJsonSchema: lookup }] }],
      toolConfig: { functionCallingConfig: { mode } },
      generationConfig: { responseMimeType: 'application/json' },
    });
    await generate(body('AUTO'), 'gemini-400-json-with-function-calling');
    const post = (model: string, mode: string) =>
      fetch(`${simulator!.url}/v1beta/models/${model}:generateContent`, { method: 'POST', headers: keys.google, body: JSON.stringify(body(mode)) });
    expect((await post('gemini-2.5-flash', 'NONE')).status).toBe(200);
    expect((await post('gemini-3-flash-preview', 'AUTO')).status).toBe(200);
  });
});
