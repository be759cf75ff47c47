// Helpers shared by the simulator's tests only (not exported from the index); kept in one file
// because each is a few lines and none is useful on its own.
import { readFileSync } from 'node:fs';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { JSONSchema7, LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { Ajv } from 'ajv';
import type { ProviderName } from './provider-name.ts';
import type { Simulator } from './simulator.ts';

/** A batch answer schema like the engine sends: one result per row id. */
export const batchSchema: JSONSchema7 = {
  type: 'object',
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          sentiment: { type: 'string', enum: ['positive', 'negative', 'neutral'] },
          score: { type: 'integer', minimum: 1, maximum: 5 },
        },
        required: ['id', 'sentiment', 'score'],
        additionalProperties: false,
      },
    },
  },
  required: ['results'],
  additionalProperties: false,
};

const validateBatch = new Ajv({ strict: false }).compile(batchSchema);

/** Call options asking for `batchSchema` answers for the given rows. */
export function batchCall(rowIds: string[], extra: Partial<LanguageModelV4CallOptions> = {}): LanguageModelV4CallOptions {
  const rows = rowIds.map((rowId) => `<row id="${rowId}">I liked it</row>`).join('\n');
  return {
    prompt: [
      { role: 'system', content: 'Classify the sentiment of each row.' },
      { role: 'user', content: [{ type: 'text', text: rows }] },
    ],
    responseFormat: { type: 'json', schema: batchSchema },
    ...extra,
  };
}

/** Throws unless `text` is JSON valid for `batchSchema` that answers exactly `rowIds`, in order. */
export function expectValidBatch(text: string, rowIds: string[]): void {
  const value = JSON.parse(text) as { results: Array<{ id: string }> };
  if (!validateBatch(value)) throw new Error(`schema-invalid answer: ${JSON.stringify(validateBatch.errors)}`);
  const answered = value.results.map((result) => result.id);
  if (JSON.stringify(answered) !== JSON.stringify(rowIds)) throw new Error(`answered ${answered.join()} instead of ${rowIds.join()}`);
}

/** The real AI SDK language model for each provider, pointed at the simulator. */
export function modelsFor(simulator: Simulator, apiKey = 'test-key'): Record<ProviderName, LanguageModelV4> {
  return {
    openai: createOpenAI({ baseURL: simulator.baseUrls.openai, apiKey }).chat('gpt-4o-mini'),
    anthropic: createAnthropic({ baseURL: simulator.baseUrls.anthropic, apiKey })('claude-haiku-4-5'),
    google: createGoogleGenerativeAI({ baseURL: simulator.baseUrls.google, apiKey })('gemini-2.5-flash'),
  };
}

/** Every part of a stream, errors included as parts. */
export async function readParts(stream: ReadableStream<LanguageModelV4StreamPart>): Promise<LanguageModelV4StreamPart[]> {
  const parts: LanguageModelV4StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

/** The concatenated text deltas of stream parts. */
export function streamedText(parts: LanguageModelV4StreamPart[]): string {
  return parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');
}

/** What a promise rejected with (fails if it resolved). */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

/** A saved real-format response: status, trimmed headers, body. */
export interface ResponseFixture {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A fixture from `fixtures/`. */
export function loadFixture(name: string): ResponseFixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as ResponseFixture;
}

/**
 * The structure of a JSON value without its content: objects as their keys' shapes, arrays as the
 * distinct shapes of their items, scalars as their type. Two responses with equal shapes parse the
 * same way.
 */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return [...new Set(value.map((item) => JSON.stringify(shapeOf(item))))].sort();
  if (typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]));
  }
  return typeof value;
}
