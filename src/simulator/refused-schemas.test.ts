// Each provider refuses a response schema it will not enforce with a 400 of its own; the bodies
// here are real ones, trimmed (see each fixture's "source"). The rules the simulator applies are
// the providers' documented ones:
// OpenAI: https://developers.openai.com/api/docs/guides/structured-outputs#supported-schemas
// Anthropic: https://platform.claude.com/docs/en/build-with-claude/structured-outputs#json-schema-limitations
// Gemini: https://ai.google.dev/api/generate-content#FIELDS.response_json_schema
import { afterEach, describe, expect, it } from 'vitest';
import { anthropicOutputSchemaProblem } from './anthropic/anthropic-output-schema-problem.ts';
import { geminiJsonSchemaProblem } from './google/gemini-json-schema-problem.ts';
import { openaiStrictSchemaProblem } from './openai/openai-strict-schema-problem.ts';
import { startSimulator } from './start-simulator.ts';
import type { Simulator } from './simulator.ts';
import { loadFixture, shapeOf } from './test-support.ts';

let simulator: Simulator;
afterEach(() => simulator?.close());

/** The schema a user writes: one optional property, objects left open. */
const userSchema = { type: 'object', properties: { s: { type: 'string' }, n: { type: 'number' } }, required: ['s'] };
const messages = [{ role: 'user', content: 'Describe <row id="r1">a row</row>' }];

async function post(path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${simulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function expectFixture(reply: { status: number; headers: Headers; body: unknown }, name: string): void {
  const fixture = loadFixture(name);
  expect(reply.status).toBe(fixture.status);
  for (const header of Object.keys(fixture.headers)) expect(reply.headers.has(header)).toBe(true);
  expect(shapeOf(reply.body)).toEqual(shapeOf(fixture.body));
}

describe('the simulator refuses schemas as each provider does', () => {
  it('OpenAI Chat Completions: a strict schema with an open object is the real 400; the same schema non-strict is answered', async () => {
    simulator = await startSimulator();
    const bearer = { authorization: 'Bearer test-key' };
    const request = (strict: boolean) => ({ model: 'gpt-4o-mini', messages, response_format: { type: 'json_schema', json_schema: { name: 'default', schema: userSchema, strict } } });
    const refused = await post('/v1/chat/completions', request(true), bearer);
    expectFixture(refused, 'openai-400-invalid-schema');
    expect(refused.body).toEqual(loadFixture('openai-400-invalid-schema').body);
    expect((await post('/v1/chat/completions', request(false), bearer)).status).toBe(200);
    expect(simulator.stats().perKeyModel[0]).toMatchObject({ received: 2, accepted: 1, rejected: { badRequest: 1 } });
  });

  it('OpenAI Responses API: the same refusal, for text.format, with its param and code', async () => {
    simulator = await startSimulator();
    const format = { type: 'json_schema', name: 'codex_output_schema', schema: userSchema, strict: true };
    const refused = await post('/v1/responses', { model: 'gpt-4o-mini', input: messages, text: { format } }, { authorization: 'Bearer test-key' });
    expectFixture(refused, 'openai-400-invalid-json-schema-responses');
    expect(refused.body).toEqual(loadFixture('openai-400-invalid-json-schema-responses').body);
  });

  it('Anthropic: an output_config.format schema with an open object is the real 400', async () => {
    simulator = await startSimulator();
    const body = { model: 'claude-haiku-4-5', max_tokens: 256, messages, output_config: { format: { type: 'json_schema', schema: userSchema } } };
    const refused = await post('/v1/messages', body, { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' });
    expectFixture(refused, 'anthropic-400-output-schema');
    expect((refused.body as { error: unknown }).error).toEqual((loadFixture('anthropic-400-output-schema').body as { error: unknown }).error);
  });

  it('Gemini: a responseJsonSchema with keywords beside a $ref is the real 400, which names no cause', async () => {
    simulator = await startSimulator();
    const schema = { type: 'object', properties: { step: { $ref: '#/$defs/step', description: 'The step' } }, $defs: { step: { type: 'string' } } };
    const body = { contents: [{ role: 'user', parts: [{ text: 'Describe <row id="r1">a row</row>' }] }], generationConfig: { responseMimeType: 'application/json', responseJsonSchema: schema } };
    const refused = await post('/v1beta/models/gemini-2.5-flash:generateContent', body, { 'x-goog-api-key': 'test-key' });
    expectFixture(refused, 'gemini-400-invalid-argument');
    expect(refused.body).toEqual(loadFixture('gemini-400-invalid-argument').body);
  });
});

describe("the providers' schema rules, in their words", () => {
  it('OpenAI strict mode', () => {
    const closed = { additionalProperties: false };
    expect(openaiStrictSchemaProblem(userSchema)).toBe("In context=(), 'additionalProperties' is required to be supplied and to be false.");
    expect(openaiStrictSchemaProblem({ ...userSchema, ...closed })).toBe("In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'n'.");
    const nested = { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } }, required: ['b'] } }, required: ['a'], ...closed };
    expect(openaiStrictSchemaProblem(nested)).toBe("In context=('properties', 'a'), 'additionalProperties' is required to be supplied and to be false.");
    expect(openaiStrictSchemaProblem({ type: 'object', properties: { a: { type: 'string', default: 'x' } }, required: ['a'], ...closed })).toBe("In context=('properties', 'a'), 'default' is not permitted.");
    expect(openaiStrictSchemaProblem({ type: 'array', items: { type: 'string' } })).toBe('schema must be a JSON Schema of \'type: "object"\', got \'type: "array"\'.');
    let deep: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 11; level++) deep = { type: 'object', properties: { next: deep }, required: ['next'], ...closed };
    expect(openaiStrictSchemaProblem(deep)).toBe('11 levels of nesting exceeds limit of 10.');
    expect(openaiStrictSchemaProblem({ type: 'object', properties: { s: { type: 'string', minLength: 1 }, n: { type: ['number', 'null'], minimum: 0 } }, required: ['s', 'n'], ...closed })).toBeUndefined();
    // The guide's other rules: anyOf is the only union, no patternProperties, its formats only, and its size limits.
    const one = (schema: Record<string, unknown>) => openaiStrictSchemaProblem({ type: 'object', properties: { a: schema }, required: ['a'], ...closed });
    expect(one({ oneOf: [{ type: 'string' }, { type: 'number' }] })).toBe("In context=('properties', 'a'), 'oneOf' is not permitted.");
    expect(one({ type: 'object', patternProperties: { '^x': { type: 'string' } }, properties: {}, required: [], ...closed })).toBe("In context=('properties', 'a'), 'patternProperties' is not permitted.");
    expect(one({ type: 'string', format: 'uri' })).toBe("In context=('properties', 'a'), 'uri' is not a valid format.");
    expect(one({ type: 'string', format: 'date-time' })).toBeUndefined();
    expect(one({ type: 'string', enum: Array.from({ length: 1001 }, (_, index) => `v${index}`) })).toBe('1001 enum values exceeds limit of 1000.');
    expect(one({ type: 'string', enum: Array.from({ length: 251 }, (_, index) => `${'x'.repeat(60)}${index}`) })).toMatch(/enum with 251 values has total string length \d+, which exceeds the limit of 15000/);
    const manyNames = Object.fromEntries(Array.from({ length: 130 }, (_, index) => [`${'n'.repeat(1000)}${index}`, { type: 'string' }]));
    expect(openaiStrictSchemaProblem({ type: 'object', properties: manyNames, required: Object.keys(manyNames), ...closed })).toMatch(/total string length .* exceeds limit of 120000/);
  });

  it('Anthropic structured outputs: recursion, and more than 24 optional or 16 union-typed properties', () => {
    const closed = { additionalProperties: false };
    const tree = { type: 'object', properties: { child: { $ref: '#' } }, ...closed };
    expect(anthropicOutputSchemaProblem(tree)).toBe('Recursive schemas are not supported');
    const optional = Object.fromEntries(Array.from({ length: 25 }, (_, index) => [`p${index}`, { type: 'string' }]));
    expect(anthropicOutputSchemaProblem({ type: 'object', properties: optional, ...closed })).toMatch(/more than 24 optional properties/);
    expect(anthropicOutputSchemaProblem({ type: 'object', properties: optional, required: Object.keys(optional), ...closed })).toBeUndefined();
    const unions = Object.fromEntries(Array.from({ length: 17 }, (_, index) => [`u${index}`, { type: ['string', 'null'] }]));
    expect(anthropicOutputSchemaProblem({ type: 'object', properties: unions, required: Object.keys(unions), ...closed })).toMatch(/more than 16 properties with union types/);
  });

  it('Anthropic structured outputs', () => {
    expect(anthropicOutputSchemaProblem(userSchema)).toBe("For 'object' type, 'additionalProperties' must be explicitly set to false");
    expect(anthropicOutputSchemaProblem({ ...userSchema, additionalProperties: true })).toBe("For 'object' type, 'additionalProperties: true' is not supported. Please set 'additionalProperties' to false");
    expect(anthropicOutputSchemaProblem({ type: 'object', properties: { age: { type: 'integer', minimum: 0 } }, additionalProperties: false })).toBe("For 'integer' type, property 'minimum' is not supported");
    expect(anthropicOutputSchemaProblem({ type: 'object', properties: { s: { type: 'string' } }, additionalProperties: false })).toBeUndefined();
  });

  it('Gemini responseJsonSchema', () => {
    expect(geminiJsonSchemaProblem(userSchema)).toBeUndefined();
    expect(geminiJsonSchemaProblem({ type: 'object', properties: { a: { $ref: '#/$defs/a', description: 'x' } } })).toBe('a $ref with description beside it');
    const loop = { type: 'object', properties: { next: { $ref: '#' } }, required: ['next'] };
    expect(geminiJsonSchemaProblem(loop)).toBe('# recurses through required properties');
    expect(geminiJsonSchemaProblem({ ...loop, required: [] })).toBeUndefined();
  });
});
