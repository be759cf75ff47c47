import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiError, GoogleGenAI, JobState, Type, type GenerateContentResponse } from '@google/genai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.ts';
import { parseReview, pollUntil, reviewSchema } from './support/sdk-test-support.ts';

let simulator: Simulator | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await simulator?.close();
});

const apiKey = 'AIzaSyTestGoogleGenaiSdk0123456789';
const model = 'gemini-2.5-flash';
const contents = [{ role: 'user', parts: [{ text: 'I liked it a lot.' }] }];
const systemInstruction = 'Classify the sentiment of the review.';

// @google/genai's base URL is the origin: it adds the API version itself (`v1` unless told).
async function clientFor(apiVersion: string | undefined, options: SimulatorOptions = {}): Promise<GoogleGenAI> {
  simulator = await startSimulator(options);
  return new GoogleGenAI({ apiKey, apiVersion, httpOptions: { baseUrl: simulator.url } });
}

function textOf(response: GenerateContentResponse | undefined): string {
  return response?.candidates?.[0]?.content?.parts?.map((part) => part.text ?? '').join('') ?? '';
}

const apiVersions = [
  { name: 'its default (v1)', apiVersion: undefined },
  { name: 'v1beta', apiVersion: 'v1beta' },
];

describe.each(apiVersions)('@google/genai against the simulator, API version $name', ({ apiVersion }) => {
  it('generates content, whole and streamed', async () => {
    const ai = await clientFor(apiVersion);
    const response = await ai.models.generateContent({ model, contents, config: { systemInstruction } });
    expect(response.text).not.toBe('');
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);

    let streamed = '';
    let last: GenerateContentResponse | undefined;
    for await (const chunk of await ai.models.generateContentStream({ model, contents, config: { systemInstruction } })) {
      streamed += chunk.text ?? '';
      last = chunk;
    }
    expect(streamed).not.toBe('');
    expect(last?.candidates?.[0]?.finishReason).toBe('STOP');
  });

  it('answers responseSchema and responseJsonSchema with schema-valid JSON', async () => {
    const ai = await clientFor(apiVersion);
    const responseSchema = {
      type: Type.OBJECT,
      properties: {
        sentiment: { type: Type.STRING, enum: ['positive', 'negative', 'neutral'] },
        score: { type: Type.INTEGER, minimum: 1, maximum: 5 },
      },
      required: ['sentiment', 'score'],
    };
    const withSchema = await ai.models.generateContent({ model, contents, config: { responseMimeType: 'application/json', responseSchema } });
    parseReview(withSchema.text!);
    const withJsonSchema = await ai.models.generateContent({ model, contents, config: { responseMimeType: 'application/json', responseJsonSchema: reviewSchema } });
    parseReview(withJsonSchema.text!);
    let streamed = '';
    for await (const chunk of await ai.models.generateContentStream({ model, contents, config: { responseMimeType: 'application/json', responseJsonSchema: reviewSchema } })) {
      streamed += chunk.text ?? '';
    }
    parseReview(streamed);
  });

  it('runs a batch of inlined requests, keyed or not, to job.dest', async () => {
    const ai = await clientFor(apiVersion, { batch: { completeAfterMs: 50 } });
    const config = { responseMimeType: 'application/json', responseJsonSchema: reviewSchema };
    const created = await ai.batches.create({
      model,
      src: [{ contents, config }, { contents, config, metadata: { key: 'second' } }],
      config: { displayName: 'inlined-reviews' },
    });
    expect(created).toMatchObject({ displayName: 'inlined-reviews', state: JobState.JOB_STATE_PENDING });

    const job = await pollUntil(() => ai.batches.get({ name: created.name! }), (current) => current.state === JobState.JOB_STATE_SUCCEEDED);
    const responses = job.dest?.inlinedResponses ?? [];
    expect(responses.map((entry) => entry.metadata)).toEqual([undefined, { key: 'second' }]);
    for (const entry of responses) parseReview(textOf(entry.response));
  });

  it('runs a batch from an uploaded file: upload with displayName, create, follow, download', async () => {
    const ai = await clientFor(apiVersion, { batch: { completeAfterMs: 50 } });
    const lines = ['row-1', 'row-2'].map((key) => JSON.stringify({ key, request: { contents, generationConfig: { responseMimeType: 'application/json', responseJsonSchema: reviewSchema } } }));
    const uploaded = await ai.files.upload({ file: new Blob([lines.join('\n')], { type: 'application/jsonl' }), config: { displayName: 'reviews-input', mimeType: 'application/jsonl' } });
    expect(uploaded).toMatchObject({ displayName: 'reviews-input', mimeType: 'application/jsonl', state: 'ACTIVE' });
    expect(await ai.files.get({ name: uploaded.name! })).toMatchObject({ name: uploaded.name, displayName: 'reviews-input' });

    const created = await ai.batches.create({ model, src: uploaded.name!, config: { displayName: 'file-reviews' } });
    const job = await pollUntil(() => ai.batches.get({ name: created.name! }), (current) => current.state === JobState.JOB_STATE_SUCCEEDED);
    expect(job.dest?.fileName).toMatch(/^files\//);

    const folder = mkdtempSync(path.join(tmpdir(), 'swarm-genai-'));
    try {
      const downloadPath = path.join(folder, 'output.jsonl');
      await ai.files.download({ file: job.dest!.fileName!, downloadPath });
      const results = readFileSync(downloadPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { key: string; response: GenerateContentResponse });
      expect(results.map((result) => result.key)).toEqual(['row-1', 'row-2']);
      for (const result of results) parseReview(textOf(result.response));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('surfaces a 429 as an ApiError whose body holds the RetryInfo', async () => {
    const ai = await clientFor(apiVersion, { faults: { rateLimitRate: 1, rateLimitRetryAfterMs: 3000 } });
    const error = await ai.models.generateContent({ model, contents }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(429);
    const body = JSON.parse((error as ApiError).message) as { error: { status: string; details: Array<Record<string, unknown>> } };
    expect(body.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(body.error.details).toContainEqual({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '3s' });
  });

});

describe('@google/genai configured from the environment', () => {
  it('takes the origin as GOOGLE_GEMINI_BASE_URL, as the banner prints it', async () => {
    simulator = await startSimulator();
    vi.stubEnv('GOOGLE_GEMINI_BASE_URL', simulator.url);
    const response = await new GoogleGenAI({ apiKey }).models.generateContent({ model, contents });
    expect(response.text).not.toBe('');
  });
});
