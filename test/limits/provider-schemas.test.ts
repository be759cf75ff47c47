// A schema as users write it (an optional property, objects left open) sent through the real AI SDK
// providers to the simulator, which refuses what each provider refuses (see
// src/simulator/refused-schemas.test.ts for the providers' rules and the sources of their 400s).
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import type { ProviderName } from '../../src/simulator/index.ts';
import { loadFixture } from '../../src/simulator/test-support.ts';
import { apiKeys, instruction, modelSpecs, numberedRows, simulatedSwarm } from './support/simulated-swarm.ts';

const providers: ProviderName[] = ['openai', 'anthropic', 'google'];

/** One required and one optional column, the objects open: what OpenAI's strict mode refuses as written. */
const reviewSchema = { type: 'object', properties: { summary: { type: 'string' }, score: { type: 'number' } }, required: ['summary'] };

describe.each(providers)('a pass on %s with an optional field', (provider) => {
  it.each([1, 4])('completes at batch size %i, the field stored where the model gave it and absent where it gave null or nothing', async (batchSize) => {
    const { swarm, query } = await simulatedSwarm();
    const table = await swarm.create({ tasks: numberedRows(12) });

    const result = await swarm.run(table.id, { instruction, responseSchema: reviewSchema, model: modelSpecs[provider], batchSize });

    expect(result).toMatchObject({ completed: 12, failed: 0, pending: 0 });
    expect(result.warnings).toBeUndefined();
    // Every answer taken as it came: no call refused, none asked again.
    expect(query(`SELECT status, count(*) AS calls FROM attempts GROUP BY status`)).toEqual([{ status: 'ok', calls: 12 / batchSize }]);
    const rows = await swarm.rows(table.id);
    for (const row of rows) expect(row).toMatchObject({ summary: expect.any(String) });
    const scored = rows.filter((row) => 'score' in row);
    expect(scored.every((row) => typeof row.score === 'number')).toBe(true);
    expect(scored.length).toBeGreaterThan(0);
    expect(scored.length).toBeLessThan(12);
    const answers = query<{ text: string }>('SELECT text FROM response_cache').map(({ text }) => text).join('\n');
    // OpenAI's strict form makes the field required and nullable, so the model answers null; the
    // others keep it optional, so the model leaves it out.
    if (provider === 'openai') expect(answers).toContain('"score":null');
    else expect(answers).not.toContain('null');
  });
});

describe("a row worker's structured call on openai", () => {
  it('gets the answer as its schema reads it: the nulls of optional fields taken out', async () => {
    const { swarm, query } = await simulatedSwarm();
    const table = await swarm.create({ tasks: numberedRows(9) });
    const texts: string[] = [];
    const result = await swarm.run(table.id, {
      instruction,
      responseSchema: reviewSchema,
      model: modelSpecs.openai,
      workerKey: 'review-worker',
      async worker(row, { prompt, call }) {
        const text = await call([{ role: 'user', content: `${prompt} <row id="${String(row.id)}"></row>` }], { schema: reviewSchema });
        texts.push(text);
        return JSON.parse(text) as Record<string, unknown>;
      },
    });
    expect(result).toMatchObject({ completed: 9, failed: 0 });
    // The model said null for some rows; the worker never sees it.
    expect(query<{ text: string }>('SELECT text FROM response_cache').some(({ text }) => text.includes('"score":null'))).toBe(true);
    expect(texts.some((text) => text.includes('null'))).toBe(false);
  });
});

describe('a schema no provider form can hold', () => {
  it('is sent non-strict with one warning, and the pass still completes', async () => {
    const { swarm, events } = await simulatedSwarm();
    const table = await swarm.create({ tasks: numberedRows(6) });
    const freeForm = { type: 'object', properties: { summary: { type: 'string' }, meta: { type: 'object' } }, required: ['summary', 'meta'] };

    const result = await swarm.run(table.id, { instruction, responseSchema: freeForm, model: modelSpecs.openai, batchSize: 2 });

    expect(result).toMatchObject({ completed: 6, failed: 0 });
    const warning =
      'the response schema has no form OpenAI enforces (an object with no properties (any keys allowed) at /properties/meta), so calls send it without strict mode: ' +
      'OpenAI does not hold the model to it; Swarm still checks every answer against it and asks again when one misses it';
    expect(result.warnings).toEqual([warning]);
    expect(events.filter((event) => event.type === 'warning')).toEqual([expect.objectContaining({ type: 'warning', passId: result.passId, message: warning })]);
  });
});

describe('the same schema sent as written, without Swarm', () => {
  it("is refused by the simulator with OpenAI's real 400 body", async () => {
    const { simulator } = await simulatedSwarm();
    const model = createOpenAI({ baseURL: simulator.baseUrls.openai, apiKey: apiKeys.openai }).chat('gpt-4o-mini');
    const error = await model
      .doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Review <row id="r1">it was fine</row>' }] }], responseFormat: { type: 'json', schema: reviewSchema as never, name: 'default' } })
      .then(() => undefined, (rejection: unknown) => rejection);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(400);
    expect(JSON.parse((error as APICallError).responseBody!)).toEqual(loadFixture('openai-400-invalid-schema').body);
    expect((error as APICallError).isRetryable).toBe(false);
  });

  it("is refused by the simulator with Gemini's real 400 body when a $ref has a description beside it", async () => {
    const { simulator } = await simulatedSwarm();
    const model = createGoogleGenerativeAI({ baseURL: simulator.baseUrls.google, apiKey: apiKeys.google })('gemini-2.5-flash');
    const schema = { type: 'object', properties: { review: { $ref: '#/$defs/review', description: 'The review' } }, $defs: { review: reviewSchema } };
    const error = await model
      .doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Review <row id="r1">it was fine</row>' }] }], responseFormat: { type: 'json', schema: schema as never } })
      .then(() => undefined, (rejection: unknown) => rejection);
    expect((error as APICallError).statusCode).toBe(400);
    expect(JSON.parse((error as APICallError).responseBody!)).toEqual(loadFixture('gemini-400-invalid-argument').body);
  });
});

describe('a pass in batch mode', () => {
  it('puts the same strict form in the request lines of an OpenAI batch', async () => {
    const { swarm, simulator } = await simulatedSwarm({ batch: { completeAfterMs: 20 } });
    const table = await swarm.create({ tasks: numberedRows(8) });

    const result = await swarm.run(table.id, { instruction, responseSchema: reviewSchema, model: modelSpecs.openai, batchSize: 4, mode: 'batch', batchPollIntervalMs: 10 });

    expect(result).toMatchObject({ completed: 8, failed: 0 });
    const get = async (path: string) => fetch(`${simulator.baseUrls.openai}${path}`, { headers: { authorization: `Bearer ${apiKeys.openai}` } });
    const { data } = (await (await get('/batches')).json()) as { data: Array<{ input_file_id: string }> };
    expect(data.length).toBeGreaterThan(0);
    const lines = (await (await get(`/files/${data[0]!.input_file_id}/content`)).text()).trim().split('\n');
    for (const line of lines) {
      const { body } = JSON.parse(line) as { body: { text: { format: Record<string, unknown> } } };
      expect(body.text.format).toMatchObject({ type: 'json_schema', strict: true });
      expect(body.text.format.schema).toEqual({
        type: 'object',
        properties: {
          results: {
            type: 'array',
            items: {
              type: 'object',
              properties: { id: { type: 'string' }, summary: { type: 'string' }, score: { type: ['number', 'null'] } },
              required: ['id', 'summary', 'score'],
              additionalProperties: false,
            },
          },
        },
        required: ['results'],
        additionalProperties: false,
      });
    }
    const rows = await swarm.rows(table.id);
    expect(rows.filter((row) => 'score' in row).every((row) => typeof row.score === 'number')).toBe(true);
  });
});

describe('a schema with what OpenAI strict mode refuses (oneOf, a format it lacks, a default)', () => {
  it('goes strict in its form and completes on openai without a refusal; the answers still match the schema as written', async () => {
    const { swarm, query } = await simulatedSwarm();
    const table = await swarm.create({ tasks: numberedRows(6) });
    const schema = {
      type: 'object',
      properties: {
        link: { type: 'string', format: 'uri' },
        size: { oneOf: [{ type: 'integer' }, { type: 'string', enum: ['small', 'large'] }] },
        tone: { type: 'string', default: 'neutral' },
      },
      required: ['link', 'size', 'tone'],
    };
    const result = await swarm.run(table.id, { instruction, responseSchema: schema, model: modelSpecs.openai, batchSize: 1 });
    expect(result).toMatchObject({ completed: 6, failed: 0 });
    expect(result.warnings).toBeUndefined();
    expect(query(`SELECT status, count(*) AS calls FROM attempts GROUP BY status`)).toEqual([{ status: 'ok', calls: 6 }]);
  });
});

describe('a schema past Anthropic\'s limits (25 optional properties)', () => {
  it('goes non-strict with one warning and completes on anthropic without a refusal', async () => {
    const { swarm, query } = await simulatedSwarm();
    const table = await swarm.create({ tasks: numberedRows(4) });
    const properties = Object.fromEntries(Array.from({ length: 26 }, (_, index) => [`field${index}`, { type: 'string' }]));
    const result = await swarm.run(table.id, { instruction, responseSchema: { type: 'object', properties, required: ['field0'] }, model: modelSpecs.anthropic, batchSize: 1 });
    expect(result).toMatchObject({ completed: 4, failed: 0 });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings![0]).toMatch(/24 optional properties|optional properties/);
    expect(query(`SELECT status, count(*) AS calls FROM attempts GROUP BY status`)).toEqual([{ status: 'ok', calls: 4 }]);
  });
});
