// What goes on the wire when Swarm asks each AI SDK provider for an answer shaped by a schema:
// the provider's form of the schema (see src/provider-schema/*.test.ts for the providers' rules and
// sources) and the strict switch. Each request is caught before it leaves.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGroq } from '@ai-sdk/groq';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { Experimental_BatchV4, LanguageModelV4 } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { memoryBatchLedger } from '../batch/memory-batch-ledger.ts';
import { submitBatch } from '../batch/submit-batch.ts';
import { callModel } from './call-model.ts';

const optionalField = { type: 'object', properties: { s: { type: 'string' }, n: { type: 'number', minimum: 0 } }, required: ['s'] };
const freeForm = { type: 'object', properties: { s: { type: 'string' }, meta: { type: 'object' } }, required: ['s', 'meta'] };
const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Describe the row.' }] }];

/** Providers whose every request is caught: its JSON body (or, for a file upload, the file's text) kept, then refused. */
function capturing() {
  const bodies: unknown[] = [];
  const fetch = async (_url: unknown, init?: RequestInit) => {
    const body = init?.body;
    if (body instanceof FormData) bodies.push(await (body.get('file') as Blob).text());
    else bodies.push(JSON.parse(String(body)));
    throw new Error('caught');
  };
  const settings = { apiKey: 'test-key', fetch: fetch as typeof globalThis.fetch };
  return {
    bodies,
    openai: createOpenAI(settings),
    anthropic: createAnthropic(settings),
    google: createGoogleGenerativeAI(settings),
    groq: createGroq(settings),
  };
}

async function sentBody(model: LanguageModelV4, bodies: unknown[], schema: Record<string, unknown>): Promise<Record<string, any>> {
  await expect(callModel(model, { prompt, schema })).rejects.toThrow();
  return bodies.at(-1) as Record<string, any>;
}

async function batchBody(batchApi: Experimental_BatchV4, modelId: string, bodies: unknown[], schema: Record<string, unknown>): Promise<unknown> {
  const request = { id: 'r1', prompt, schema };
  await expect(submitBatch({ batchApi, provider: 'x', modelId, passId: 'p', requests: [request], attempt: 1, ledger: memoryBatchLedger() })).rejects.toThrow();
  return bodies.at(-1);
}

describe('the response format on the wire', () => {
  it('Groq: OpenAI\'s strict form, since it sends strict: true by default with OpenAI\'s rules', async () => {
    // https://console.groq.com/docs/structured-outputs: strict mode requires every property in
    // required and additionalProperties: false on every object, as OpenAI's does.
    const { bodies, groq } = capturing();
    for (const model of [groq('openai/gpt-oss-120b')]) {
      const strict = await sentBody(model, bodies, optionalField);
      expect(strict.response_format.json_schema).toMatchObject({
        strict: true,
        schema: { required: ['s', 'n'], additionalProperties: false, properties: { n: { type: ['number', 'null'] } } },
      });
      const loose = await sentBody(model, bodies, freeForm);
      expect(loose.response_format.json_schema).toMatchObject({ strict: false, schema: freeForm });
    }
  });

  it('OpenAI: the strict form with strict: true, or the schema as written with strict: false', async () => {
    const { bodies, openai } = capturing();
    const strict = await sentBody(openai.chat('gpt-4o-mini'), bodies, optionalField);
    expect(strict.response_format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'answer',
        strict: true,
        schema: { type: 'object', properties: { s: { type: 'string' }, n: { type: ['number', 'null'], minimum: 0 } }, required: ['s', 'n'], additionalProperties: false },
      },
    });
    const loose = await sentBody(openai.chat('gpt-4o-mini'), bodies, freeForm);
    expect(loose.response_format.json_schema).toMatchObject({ strict: false, schema: freeForm });
  });

  it('Anthropic: the closed form as native structured output, or a non-strict tool', async () => {
    const { bodies, anthropic } = capturing();
    const strict = await sentBody(anthropic('claude-haiku-4-5'), bodies, optionalField);
    expect(strict.output_config.format).toEqual({
      type: 'json_schema',
      schema: { type: 'object', properties: { s: { type: 'string' }, n: { type: 'number', description: 'minimum: 0.' } }, required: ['s'], additionalProperties: false },
    });
    const loose = await sentBody(anthropic('claude-haiku-4-5'), bodies, freeForm);
    expect(loose.output_config).toBeUndefined();
    expect(loose.tools).toEqual([expect.objectContaining({ name: 'json', input_schema: expect.objectContaining({ properties: freeForm.properties }) })]);
  });

  it("Gemini: the subset as responseJsonSchema, or JSON mode with no schema", async () => {
    const { bodies, google } = capturing();
    const strict = await sentBody(google('gemini-2.5-flash'), bodies, optionalField);
    expect(strict.generationConfig).toMatchObject({ responseMimeType: 'application/json', responseJsonSchema: optionalField });
    const recursive = { type: 'object', properties: { next: { $ref: '#' } }, required: ['next'] };
    const loose = await sentBody(google('gemini-2.5-flash'), bodies, recursive);
    expect(loose.generationConfig.responseMimeType).toBe('application/json');
    expect(loose.generationConfig).not.toHaveProperty('responseJsonSchema');
  });

  it('provider batches carry the same forms as online calls', async () => {
    const { bodies, openai, anthropic, google } = capturing();
    const openaiLine = JSON.parse(String(await batchBody(openai.experimental_batch(), 'gpt-4o-mini', bodies, optionalField)).trim()) as Record<string, any>;
    expect(openaiLine.body.text.format).toMatchObject({ type: 'json_schema', strict: true, schema: { required: ['s', 'n'], additionalProperties: false } });
    const anthropicBatch = (await batchBody(anthropic.experimental_batch!(), 'claude-haiku-4-5', bodies, optionalField)) as Record<string, any>;
    expect(anthropicBatch.requests[0].params.output_config.format.schema).toMatchObject({ additionalProperties: false, required: ['s'] });
    const googleBatch = JSON.stringify(await batchBody(google.experimental_batch!(), 'gemini-2.5-flash', bodies, optionalField));
    expect(googleBatch).toContain('"responseJsonSchema"');
  });
});
