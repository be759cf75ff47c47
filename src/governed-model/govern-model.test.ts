// A plain AI SDK tool loop (`generateText`/`streamText` with tools, several steps) on a governed
// model: every step takes the key's limiter, is charged to the budget and recorded as an attempt,
// retries and parks as a pass's calls do, and one abort signal stops the loop.
import { APICallError, type LanguageModelV4, type LanguageModelV4CallOptions, type LanguageModelV4GenerateResult, type LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { generateText, stepCountIs, streamText, tool, wrapLanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { BudgetGuard } from '../budget/budget-guard.ts';
import type { CachedResponse, ResponseCache } from '../cache/response-cache.ts';
import { createKeyLimiter, type CallTokens, type KeyLimiter } from '../limit/key-limiter.ts';
import type { AttemptEnd, AttemptRecorder } from './attempt-recorder.ts';
import { BudgetExceededError } from './budget-exceeded-error.ts';
import { governModel } from './govern-model.ts';
import { governedMiddleware } from './governed-middleware.ts';
import { GovernedCallError } from './governed-call-error.ts';
import type { Governance } from './governance.ts';
import { governedCallMetadata } from './governed-call-metadata.ts';

const usage = {
  inputTokens: { total: 50, noCache: 50, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 5, text: 5, reasoning: 0 },
};
const stop = { unified: 'stop', raw: 'stop' } as const;
const toolCallsFinish = { unified: 'tool-calls', raw: 'tool_calls' } as const;

/** The step a tool loop is at: how many tool results its prompt holds. */
function toolResultsIn(options: LanguageModelV4CallOptions): number {
  return options.prompt.filter((message) => message.role === 'tool').length;
}

/** What the scripted model answers at each step: a call of `lookup`, then of `convert`, then text. */
function scriptedStep(options: LanguageModelV4CallOptions): LanguageModelV4GenerateResult {
  const step = toolResultsIn(options);
  if (step === 0) return { content: [{ type: 'tool-call', toolCallId: 'call-1', toolName: 'lookup', input: '{"city":"Paris"}' }], finishReason: toolCallsFinish, usage, warnings: [] };
  if (step === 1) return { content: [{ type: 'tool-call', toolCallId: 'call-2', toolName: 'convert', input: '{"celsius":21}' }], finishReason: toolCallsFinish, usage, warnings: [] };
  return { content: [{ type: 'text', text: 'It is 69.8 °F in Paris.' }], finishReason: stop, usage, warnings: [] };
}

/** A model answering `scriptedStep`, after `before` (which may throw, to fail an attempt). */
function scriptedModel(before: (call: number, options: LanguageModelV4CallOptions) => void | Promise<void> = () => {}) {
  let calls = 0;
  return new MockLanguageModelV4({
    doGenerate: async (options) => {
      await before(++calls, options);
      return scriptedStep(options);
    },
  });
}

/** The two tools of the loop; `onLookup` runs inside the first. */
function weatherTools(onLookup: () => void = () => {}) {
  return {
    lookup: tool({
      description: 'Current temperature of a city, in °C',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => {
        onLookup();
        return { city, celsius: 21 };
      },
    }),
    convert: tool({
      description: 'Converts °C to °F',
      inputSchema: z.object({ celsius: z.number() }),
      execute: async ({ celsius }) => ({ fahrenheit: (celsius * 9) / 5 + 32 }),
    }),
  };
}

/** A real key limiter, counting the slots it grants and how they are settled. */
function countingLimiter(options: Parameters<typeof createKeyLimiter>[0] = {}) {
  const limiter = createKeyLimiter({ maxConcurrency: 4, initialConcurrency: 4, ...options });
  const acquired: CallTokens[] = [];
  const settled: Array<{ actual?: CallTokens; refused?: boolean }> = [];
  const counting: KeyLimiter = {
    ...limiter,
    async acquire(estimate, signal, owner) {
      const reservation = await limiter.acquire(estimate, signal, owner);
      acquired.push(reservation.tokens);
      return {
        ...reservation,
        settle(outcome) {
          settled.push(outcome);
          reservation.settle(outcome);
        },
      };
    },
  };
  return { limiter: counting, acquired, settled, inner: limiter };
}

/** A budget with at most `maxCalls` calls, keeping every estimate and actual charge. */
function countingBudget({ maxCalls = Number.POSITIVE_INFINITY } = {}) {
  const reserved: Array<{ cost: number; tokens: number }> = [];
  const released: Array<{ cost: number; tokens: number }> = [];
  let inFlight = 0;
  const budget: BudgetGuard = {
    reserve(estimate) {
      if (reserved.length >= maxCalls) return { cap: 'maxCalls', message: `maxCalls ${maxCalls} reached` };
      reserved.push(estimate);
      inFlight++;
      return {
        release(actual) {
          inFlight--;
          released.push(actual);
        },
      };
    },
    get inFlight() {
      return inFlight;
    },
    nextRelease: () => new Promise(() => {}),
  };
  return { budget, reserved, released };
}

function collectingRecorder() {
  const starts: Array<{ rowIds: string[]; attempt: number }> = [];
  const ends: AttemptEnd[] = [];
  const waits: Array<{ errorClass: string; attempt: number }> = [];
  const parks: number[] = [];
  const recorder: AttemptRecorder = {
    attemptStart: (start) => starts.push(start),
    attemptEnd: (end) => ends.push(end),
    retryWait: (wait) => waits.push(wait),
    keyPark: ({ parkedUntil }) => parks.push(parkedUntil),
  };
  return { recorder, starts, ends, waits, parks };
}

function memoryCache(): ResponseCache & { puts: number } {
  const entries = new Map<string, CachedResponse>();
  return {
    puts: 0,
    get: (key) => entries.get(key),
    put(key, response) {
      this.puts++;
      entries.set(key, response);
    },
    flush() {},
  };
}

const costOf = (inputTokens: number, outputTokens: number) => inputTokens * 1e-6 + outputTokens * 4e-6;
const prompt = 'How warm is it in Paris, in °F?';

describe('a governed model in an AI SDK tool loop', () => {
  const governedWays = {
    governModel: (model: LanguageModelV4, governance: Governance) => governModel(model, governance),
    'wrapLanguageModel with governedMiddleware': (model: LanguageModelV4, governance: Governance) =>
      wrapLanguageModel({ model, middleware: governedMiddleware(governance) }),
  };

  it.each(Object.entries(governedWays))('limits, charges and records every step of generateText with two tools (%s)', async (_, govern) => {
    const model = scriptedModel();
    const { limiter, acquired, settled } = countingLimiter();
    const { budget, reserved, released } = countingBudget();
    const { recorder, starts, ends } = collectingRecorder();
    const cache = memoryCache();
    const governed = govern(model, { limiter, budget, costOf, recorder, cache });

    const result = await generateText({
      model: governed,
      tools: weatherTools(),
      stopWhen: stepCountIs(4),
      maxRetries: 0,
      prompt,
      providerOptions: { swarm: { rowIds: ['paris'] } },
    });

    expect(result.text).toBe('It is 69.8 °F in Paris.');
    expect(result.steps.map((step) => step.toolCalls.map((call) => call.toolName))).toEqual([['lookup'], ['convert'], []]);
    // Each step took a limiter slot, settled with what it used.
    expect(acquired).toHaveLength(3);
    // Each estimated with what the loop added to the prompt: tool calls and their results.
    expect(acquired[1]!.inputTokens).toBeGreaterThan(acquired[0]!.inputTokens);
    expect(acquired[2]!.inputTokens).toBeGreaterThan(acquired[1]!.inputTokens);
    expect(settled.map((outcome) => outcome.actual)).toEqual(Array(3).fill({ inputTokens: 50, outputTokens: 5 }));
    // Each was charged to the budget: its estimate while in flight, then its price.
    expect(reserved).toHaveLength(3);
    expect(released).toEqual(Array(3).fill({ cost: costOf(50, 5), tokens: 55 }));
    // Each was recorded as an attempt of the rows the caller named.
    expect(starts).toEqual(Array(3).fill({ rowIds: ['paris'], attempt: 1 }));
    expect(ends.map((end) => [end.status, end.rowIds, end.attempt])).toEqual(Array(3).fill(['answered', ['paris'], 1]));
    expect(ends.every((end) => end.status === 'answered' && end.cost === costOf(50, 5) && !end.cached)).toBe(true);
    expect(result.steps.map((step) => governedCallMetadata(step.providerMetadata)?.attempt)).toEqual([1, 1, 1]);
    // The provider never sees the governed model's own options, and calls offering tools are not cached.
    expect(model.doGenerateCalls.every((call) => call.providerOptions?.swarm === undefined)).toBe(true);
    expect(cache.puts).toBe(0);
  });

  it('retries a step that failed, parks the key on a 429 without using an attempt, and goes on', async () => {
    const model = scriptedModel((call) => {
      if (call === 2) throw refusal(429, { 'retry-after-ms': '20' });
      if (call === 3) throw refusal(503, { 'retry-after-ms': '5' });
    });
    // A stated limit: a refusal then says nothing of a request rate the provider never stated.
    const { limiter, acquired } = countingLimiter({ limits: { requestsPerMinute: 60_000 } });
    const { recorder, ends, waits, parks } = collectingRecorder();
    const governed = governModel(model, { limiter, recorder, maxAttempts: 2 });

    const result = await generateText({ model: governed, tools: weatherTools(), stopWhen: stepCountIs(4), maxRetries: 0, prompt });

    expect(result.steps).toHaveLength(3);
    expect(ends.map((end) => [end.status === 'error' ? end.error.errorClass : end.status, end.attempt])).toEqual([
      ['answered', 1],
      ['rate-limit', 1],
      ['server-error', 1],
      ['answered', 2],
      ['answered', 1],
    ]);
    expect(parks).toHaveLength(1);
    expect(waits).toEqual([expect.objectContaining({ errorClass: 'server-error', attempt: 1, delayMs: 5 })]);
    expect(acquired).toHaveLength(5);
    expect(governedCallMetadata(result.steps[1]!.providerMetadata)?.attempt).toBe(2);
  });

  it('stops the loop when its abort signal fires: no further step is sent', async () => {
    const model = scriptedModel();
    const { limiter, inner } = countingLimiter();
    const { budget, reserved, released } = countingBudget();
    const controller = new AbortController();
    const governed = governModel(model, { limiter, budget });

    const loop = generateText({
      model: governed,
      tools: weatherTools(() => controller.abort(new Error('stopped by the caller'))),
      stopWhen: stepCountIs(4),
      maxRetries: 0,
      prompt,
      abortSignal: controller.signal,
    });

    await expect(loop).rejects.toThrow();
    expect(model.doGenerateCalls).toHaveLength(1);
    expect(inner.snapshot().inFlight).toBe(0);
    expect(released).toHaveLength(reserved.length);
  });

  it('stops a call waiting for a parked key when the governance signal fires', async () => {
    const model = scriptedModel();
    const { limiter } = countingLimiter();
    limiter.park(Date.now() + 60_000);
    const controller = new AbortController();
    const governed = governModel(model, { limiter, abortSignal: controller.signal });
    const loop = generateText({ model: governed, tools: weatherTools(), stopWhen: stepCountIs(4), maxRetries: 0, prompt });
    setTimeout(() => controller.abort(new Error('the pass stopped')), 20);
    await expect(loop).rejects.toThrow('the pass stopped');
    expect(model.doGenerateCalls).toHaveLength(0);
  });

  it('fails with BudgetExceededError when the next step would pass a cap, without sending it', async () => {
    const model = scriptedModel();
    const { budget } = countingBudget({ maxCalls: 2 });
    const governed = governModel(model, { limiter: countingLimiter().limiter, budget });
    const loop = generateText({ model: governed, tools: weatherTools(), stopWhen: stepCountIs(4), maxRetries: 0, prompt });
    const error = await loop.catch((caught: unknown) => caught);
    expect(BudgetExceededError.isInstance(error) && error.cap).toBe('maxCalls');
    expect(model.doGenerateCalls).toHaveLength(2);
  });

  it('stops the whole model on an account error: calls in flight are cut off and later ones are never sent', async () => {
    let calls = 0;
    const model = new MockLanguageModelV4({
      doGenerate: (options) => {
        calls++;
        if (calls === 1) return new Promise((_, reject) => options.abortSignal?.addEventListener('abort', () => reject(options.abortSignal!.reason)));
        return Promise.reject(refusal(401, {}));
      },
    });
    const { recorder, ends } = collectingRecorder();
    const governed = governModel(model, { limiter: countingLimiter().limiter, recorder });
    const hanging = generateText({ model: governed, maxRetries: 0, prompt }).catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const refused = await generateText({ model: governed, maxRetries: 0, prompt }).catch((caught: unknown) => caught);
    expect(GovernedCallError.isInstance(refused) && [refused.errorClass, refused.action]).toEqual(['auth', 'stop']);
    expect(await hanging).toBe(refused);
    expect(await generateText({ model: governed, maxRetries: 0, prompt }).catch((caught: unknown) => caught)).toBe(refused);
    expect(calls).toBe(2);
    expect(ends.map((end) => end.status === 'error' && end.error.errorClass)).toEqual(['auth', 'stopped']);
  });

  it('times out an attempt that never answers, retries it, then fails with the classified error', async () => {
    const model = new MockLanguageModelV4({
      doGenerate: (options) =>
        new Promise((_, reject) => options.abortSignal?.addEventListener('abort', () => reject(options.abortSignal!.reason))),
    });
    const { recorder, ends } = collectingRecorder();
    const { limiter, inner } = countingLimiter();
    const governed = governModel(model, { limiter, recorder, timeoutMs: 30, maxAttempts: 2 });
    const error = await generateText({ model: governed, maxRetries: 0, prompt }).catch((caught: unknown) => caught);
    expect(GovernedCallError.isInstance(error) && [error.errorClass, error.action]).toEqual(['timeout', 'retry']);
    expect(ends.map((end) => end.status === 'error' && [end.error.errorClass, end.attempt])).toEqual([
      ['timeout', 1],
      ['timeout', 2],
    ]);
    expect(inner.snapshot().inFlight).toBe(0);
  });

  it('replays a whole tool loop from the response cache when the caller allows caching tool calls', async () => {
    const cache = memoryCache();
    const run = async () => {
      const model = scriptedModel();
      const governed = governModel(model, { limiter: countingLimiter().limiter, cache, cacheToolCalls: true });
      const result = await generateText({ model: governed, tools: weatherTools(), stopWhen: stepCountIs(4), maxRetries: 0, prompt });
      return { result, calls: model.doGenerateCalls.length };
    };
    const first = await run();
    const second = await run();
    expect([first.calls, second.calls, cache.puts]).toEqual([3, 0, 3]);
    expect(second.result.text).toBe(first.result.text);
    expect(second.result.steps.map((step) => governedCallMetadata(step.providerMetadata)?.cached)).toEqual([true, true, true]);
  });

  it('limits, charges and records every step of streamText', async () => {
    const model = new MockLanguageModelV4({ doStream: async (options) => ({ stream: partsOf(scriptedStep(options)) }) });
    const { limiter, acquired, settled, inner } = countingLimiter();
    const { budget, released } = countingBudget();
    const { recorder, ends } = collectingRecorder();
    const governed = governModel(model, { limiter, budget, costOf, recorder });
    const result = streamText({ model: governed, tools: weatherTools(), stopWhen: stepCountIs(4), maxRetries: 0, prompt });
    expect(await result.text).toBe('It is 69.8 °F in Paris.');
    expect((await result.steps).length).toBe(3);
    expect(acquired).toHaveLength(3);
    expect(settled.map((outcome) => outcome.actual)).toEqual(Array(3).fill({ inputTokens: 50, outputTokens: 5 }));
    expect(released).toEqual(Array(3).fill({ cost: costOf(50, 5), tokens: 55 }));
    expect(ends.map((end) => end.status)).toEqual(['answered', 'answered', 'answered']);
    expect(inner.snapshot().inFlight).toBe(0);
  });

  it('keeps a streamed answer given through a JSON tool (no tools offered) as its text, in the cache too', async () => {
    // Anthropic's non-strict structured output answers through a tool; the caller offered none.
    const answer = '{"label":"ham"}';
    const model = new MockLanguageModelV4({
      doStream: async () => ({
        stream: partsOf({
          content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'json', input: answer }],
          finishReason: { unified: 'tool-calls', raw: 'tool_use' },
          usage,
          warnings: [],
        }),
      }),
    });
    const cache = memoryCache();
    const governed = governModel(model, { limiter: countingLimiter().limiter, cache });
    const first = await governed.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: prompt }] }] });
    for (const reader = first.stream.getReader(); !(await reader.read()).done; );
    expect(cache.puts).toBe(1);
    const replayed = await governed.doGenerate({ prompt: [{ role: 'user', content: [{ type: 'text', text: prompt }] }] });
    expect(replayed.content).toEqual([{ type: 'text', text: answer }]);
    expect(model.doStreamCalls).toHaveLength(1);
  });
});

function refusal(statusCode: number, responseHeaders: Record<string, string>): APICallError {
  return new APICallError({ message: `refused with ${statusCode}`, url: 'mock://', requestBodyValues: {}, statusCode, responseHeaders, isRetryable: true });
}

/** The stream a provider would send for a generate result. */
function partsOf(result: LanguageModelV4GenerateResult): ReadableStream<LanguageModelV4StreamPart> {
  const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  for (const part of result.content) {
    if (part.type === 'text') parts.push({ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: part.text }, { type: 'text-end', id: 't' });
    else if (part.type === 'tool-call') parts.push(part);
  }
  parts.push({ type: 'finish', usage: result.usage, finishReason: result.finishReason });
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}
