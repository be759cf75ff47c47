import type { LanguageModelV4CallOptions, LanguageModelV4Prompt, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMockModel } from './create-mock-model.ts';

const ajv = new Ajv({ strict: false, validateFormats: false });

const fieldsSchema = {
  type: 'object',
  properties: {
    summary: { type: 'string', maxLength: 60 },
    sentiment: { enum: ['positive', 'neutral', 'negative'] },
    score: { type: 'integer', minimum: 1, maximum: 5 },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    spam: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3, uniqueItems: true },
    author: { type: 'object', properties: { name: { type: 'string' }, email: { type: ['string', 'null'] } }, required: ['name'], additionalProperties: false },
    note: { anyOf: [{ type: 'null' }, { type: 'string', minLength: 20 }] },
  },
  required: ['summary', 'sentiment', 'score', 'confidence', 'spam', 'tags', 'author', 'note'],
  additionalProperties: false,
} as const;

const batchSchema = {
  type: 'object',
  properties: {
    results: {
      type: 'array',
      items: { ...fieldsSchema, properties: { id: { type: 'string' }, ...fieldsSchema.properties }, required: ['id', ...fieldsSchema.required] },
    },
  },
  required: ['results'],
  additionalProperties: false,
};

function rowsPrompt(ids: string[], system = 'Classify each row.'): LanguageModelV4Prompt {
  const rows = ids.map((id) => `<row id="${id}">text of ${id}</row>`).join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: [{ type: 'text', text: `Answer for these rows:\n${rows}` }] },
  ];
}

function call(prompt: LanguageModelV4Prompt, schema: object | undefined, extra: Partial<LanguageModelV4CallOptions> = {}): LanguageModelV4CallOptions {
  return { prompt, responseFormat: schema === undefined ? { type: 'text' } : { type: 'json', schema: schema as never }, ...extra };
}

function textOf(result: { content: Array<{ type: string; text?: string }> }): string {
  return result.content.map((part) => part.text ?? '').join('');
}

function isValid(schema: object, text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  return ajv.validate(schema, value);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('createMockModel', () => {
  it('is a v4 language model', () => {
    const model = createMockModel();
    expect(model).toMatchObject({ specificationVersion: 'v4', provider: 'mock', modelId: 'default' });
  });

  it('answers a batch schema with one valid item per row id, in order', async () => {
    const ids = ['r1', 'r2', 'row-3', 'r10', 'r"5'.replace('"', '&quot;')];
    const result = await createMockModel().doGenerate(call(rowsPrompt(ids), batchSchema));
    const text = textOf(result);
    expect(isValid(batchSchema, text)).toBe(true);
    const answer = JSON.parse(text) as { results: Array<{ id: string; summary: string }> };
    expect(answer.results.map((item) => item.id)).toEqual(['r1', 'r2', 'row-3', 'r10', 'r"5']);
    expect(answer.results[0]!.summary).toBe('mock summary for r1');
  });

  it('answers a plain object schema for the first row', async () => {
    const text = textOf(await createMockModel().doGenerate(call(rowsPrompt(['r12', 'r13']), fieldsSchema)));
    expect(isValid(fieldsSchema, text)).toBe(true);
    expect(JSON.parse(text).summary).toBe('mock summary for r12');
  });

  it('gives a row the same fields alone as in a batch', async () => {
    const model = createMockModel({ seed: 4 });
    const alone = JSON.parse(textOf(await model.doGenerate(call(rowsPrompt(['r7']), fieldsSchema))));
    const batch = JSON.parse(textOf(await model.doGenerate(call(rowsPrompt(['r1', 'r7']), batchSchema))));
    expect(batch.results[1]).toEqual({ id: 'r7', ...alone });
  });

  it('is deterministic for the same prompt and seed, and varies with the seed', async () => {
    const prompt = rowsPrompt(Array.from({ length: 20 }, (_, index) => `r${index}`));
    const first = textOf(await createMockModel({ seed: 7 }).doGenerate(call(prompt, batchSchema)));
    const model = createMockModel({ seed: 7 });
    await model.doGenerate(call(rowsPrompt(['other']), batchSchema));
    expect(textOf(await model.doGenerate(call(prompt, batchSchema)))).toBe(first);
    expect(textOf(await createMockModel({ seed: 8 }).doGenerate(call(prompt, batchSchema)))).not.toBe(first);
  });

  it('seeds by the whole prompt when it has no row ids', async () => {
    const model = createMockModel();
    const prompt = (text: string): LanguageModelV4Prompt => [{ role: 'user', content: [{ type: 'text', text }] }];
    const first = textOf(await model.doGenerate(call(prompt('Name a colour'), fieldsSchema)));
    expect(isValid(fieldsSchema, first)).toBe(true);
    expect(textOf(await model.doGenerate(call(prompt('Name a colour'), fieldsSchema)))).toBe(first);
    expect(textOf(await model.doGenerate(call(prompt('Name a fruit'), fieldsSchema)))).not.toBe(first);
  });

  it('answers plain text when no JSON is asked for', async () => {
    expect(textOf(await createMockModel().doGenerate(call(rowsPrompt(['r1']), undefined)))).toBe('mock answer for r1');
  });

  it('reports usage from the prompt and answer lengths, and the model id', async () => {
    const prompt = rowsPrompt(['r1']);
    const result = await createMockModel({}, { modelId: 'fast' }).doGenerate(call(prompt, fieldsSchema));
    const promptLength = 'Classify each row.'.length + (prompt[1]!.content[0] as { text: string }).text.length;
    expect(result.usage.inputTokens.total).toBe(Math.ceil(promptLength / 4));
    expect(result.usage.outputTokens.total).toBe(Math.ceil(textOf(result).length / 4));
    expect(result.finishReason.unified).toBe('stop');
    expect(result.response?.modelId).toBe('fast');
  });

  it('streams the same answer it generates', async () => {
    const options = call(rowsPrompt(['r1', 'r2']), batchSchema);
    const generated = await createMockModel().doGenerate(options);
    const { stream } = await createMockModel().doStream(options);
    const parts: LanguageModelV4StreamPart[] = [];
    for await (const part of stream) parts.push(part);
    const deltas = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
    expect(deltas.join('')).toBe(textOf(generated));
    expect(parts[0]!.type).toBe('stream-start');
    expect(parts.at(-1)).toEqual({ type: 'finish', usage: generated.usage, finishReason: generated.finishReason });
  });

  it('breaks every answer with malformedRate=1, alternating truncation and a wrong-typed field', async () => {
    const model = createMockModel({ malformedRate: 1 });
    const texts: string[] = [];
    for (let attempt = 0; attempt < 4; attempt++) texts.push(textOf(await model.doGenerate(call(rowsPrompt(['r1', 'r2']), batchSchema))));
    for (const text of texts) expect(isValid(batchSchema, text)).toBe(false);
    expect(() => JSON.parse(texts[0]!)).toThrow();
    expect(() => JSON.parse(texts[1]!)).not.toThrow();
    expect(() => JSON.parse(texts[2]!)).toThrow();
    const single = createMockModel({ malformedRate: 1 });
    await single.doGenerate(call(rowsPrompt(['r1']), fieldsSchema));
    const wrongTyped = textOf(await single.doGenerate(call(rowsPrompt(['r1']), fieldsSchema)));
    expect(JSON.parse(wrongTyped)).toBeTypeOf('object');
    expect(isValid(fieldsSchema, wrongTyped)).toBe(false);
  });

  it('fails every call with failureRate=1 as a retryable 503', async () => {
    const failure = await createMockModel({ failureRate: 1 })
      .doGenerate(call(rowsPrompt(['r1']), batchSchema))
      .then(undefined, (error: unknown) => error);
    expect(APICallError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ statusCode: 503, isRetryable: true });
    await expect(createMockModel({ failureRate: 1 }).doStream(call(rowsPrompt(['r1']), batchSchema))).rejects.toSatisfy(APICallError.isInstance);
  });

  it('lets a retry succeed, in the same seeded sequence every time', async () => {
    const outcomes = async () => {
      const model = createMockModel({ failureRate: 0.5, seed: 11 });
      const results: boolean[] = [];
      for (let attempt = 0; attempt < 40; attempt++) {
        results.push(await model.doGenerate(call(rowsPrompt(['r1']), fieldsSchema)).then(() => true, () => false));
      }
      return results;
    };
    const first = await outcomes();
    expect(first).toContain(true);
    expect(first).toContain(false);
    expect(await outcomes()).toEqual(first);
  });

  it('answers at zero latency without any timer', async () => {
    vi.useFakeTimers();
    const result = await createMockModel().doGenerate(call(rowsPrompt(['r1']), fieldsSchema));
    expect(vi.getTimerCount()).toBe(0);
    expect(isValid(fieldsSchema, textOf(result))).toBe(true);
  });

  it('waits for its latency', async () => {
    vi.useFakeTimers();
    let settled = false;
    const pending = createMockModel({ latencyMs: 200 })
      .doGenerate(call(rowsPrompt(['r1']), fieldsSchema))
      .then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(199);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(settled).toBe(true);
  });

  it('rejects with the abort reason during latency, and at once when already aborted', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const pending = createMockModel({ latencyMs: 10_000 }).doGenerate(call(rowsPrompt(['r1']), fieldsSchema, { abortSignal: controller.signal }));
    const reason = new Error('cancelled by test');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    await expect(createMockModel().doGenerate(call(rowsPrompt(['r1']), fieldsSchema, { abortSignal: controller.signal }))).rejects.toBe(reason);
  });

  it('refuses settings out of range', () => {
    expect(() => createMockModel({ failureRate: 1.5 })).toThrow(/failureRate/);
    expect(() => createMockModel({ latencyMs: -1 })).toThrow(/latencyMs/);
  });
});
