// Tool loops of the real AI SDK OpenAI provider on a governed model, against the provider simulator
// injecting 429s and 5xx: every step of every loop completes, and a 429 parks the key without
// using up an attempt.
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createKeyLimiter } from '../limit/key-limiter.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import type { AttemptEnd } from './attempt-recorder.ts';
import { governModel } from './govern-model.ts';

let simulator: Simulator | undefined;
afterEach(() => simulator?.close());

const cities = ['Paris', 'Lima', 'Oslo', 'Hanoi', 'Dakar', 'Quito'];

const tools = {
  lookup: tool({
    description: 'Current temperature of a city, in °C',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => ({ city, celsius: 21 }),
  }),
  convert: tool({
    description: 'Converts °C to °F',
    inputSchema: z.object({ celsius: z.number() }),
    execute: async ({ celsius }) => ({ fahrenheit: (celsius * 9) / 5 + 32 }),
  }),
};

/** A governed OpenAI chat model on the simulator, with every attempt and park it makes. */
async function governedOnSimulator() {
  simulator = await startSimulator({ seed: 11, faults: { rateLimitRate: 0.25, rateLimitRetryAfterMs: 30, serverErrorRate: 0.15 } });
  const openai = createOpenAI({ baseURL: simulator.baseUrls.openai, apiKey: 'sk-test-governed-tool-loop-4f3e2d' }).chat('gpt-4o-mini');
  const ends: AttemptEnd[] = [];
  const parks: number[] = [];
  const limiter = createKeyLimiter({ maxConcurrency: 8, initialConcurrency: 8 });
  const model = governModel(openai, {
    limiter,
    recorder: { attemptStart() {}, attemptEnd: (end) => ends.push(end), retryWait() {}, keyPark: ({ parkedUntil }) => parks.push(parkedUntil) },
  });
  return { model, ends, parks, limiter, simulator };
}

/**
 * Checks the attempts of each loop (its row): the 429s used no attempt, so each answer's attempt
 * number counts only the other errors of its step.
 */
function expectRateLimitsUsedNoAttempt(ends: AttemptEnd[]): void {
  for (const city of cities) {
    let otherErrors = 0;
    for (const end of ends.filter((each) => each.rowIds[0] === city)) {
      if (end.status === 'answered') {
        expect(end.attempt).toBe(1 + otherErrors);
        otherErrors = 0;
      } else if (end.error.errorClass === 'rate-limit') expect(end.attempt).toBe(1 + otherErrors);
      else otherErrors++;
    }
  }
}

describe('a governed tool loop against the provider simulator', () => {
  it('completes every step of generateText loops refused by 429s and 5xx', async () => {
    const { model, ends, parks, limiter, simulator } = await governedOnSimulator();
    const results = await Promise.all(
      cities.map((city) =>
        generateText({
          model,
          tools,
          stopWhen: stepCountIs(4),
          maxRetries: 0,
          prompt: `How warm is it in ${city}, in °F?`,
          providerOptions: { swarm: { rowIds: [city] } },
        }),
      ),
    );
    for (const result of results) {
      expect(result.steps.map((step) => step.toolCalls.map((call) => call.toolName))).toEqual([['lookup'], ['convert'], []]);
      expect(result.steps.map((step) => step.toolResults.length)).toEqual([1, 1, 0]);
    }
    const errors = ends.flatMap((end) => (end.status === 'error' ? [end.error.errorClass] : []));
    expect(errors).toContain('rate-limit');
    expect(errors).toContain('server-error');
    expect(ends.filter((end) => end.status === 'answered')).toHaveLength(cities.length * 3);
    // Every 429 parked the key, and none used up an attempt.
    expect(parks).toHaveLength(errors.filter((errorClass) => errorClass === 'rate-limit').length);
    expectRateLimitsUsedNoAttempt(ends);
    const { total } = simulator.stats();
    expect(total.accepted).toBe(cities.length * 3);
    expect(total.received).toBe(ends.length);
    expect(limiter.snapshot().inFlight).toBe(0);
  });

  it('completes every step of streamText loops refused by 429s and 5xx', async () => {
    const { model, ends } = await governedOnSimulator();
    const texts = await Promise.all(
      cities.map(async (city) => {
        const result = streamText({
          model,
          tools,
          stopWhen: stepCountIs(4),
          maxRetries: 0,
          prompt: `How warm is it in ${city}, in °F?`,
          providerOptions: { swarm: { rowIds: [city] } },
        });
        return { text: await result.text, steps: (await result.steps).length };
      }),
    );
    expect(texts.map((text) => text.steps)).toEqual(cities.map(() => 3));
    expect(texts.every((text) => text.text.length > 0)).toBe(true);
    expect(ends.some((end) => end.status === 'error' && end.error.errorClass === 'rate-limit')).toBe(true);
    expect(ends.filter((end) => end.status === 'answered')).toHaveLength(cities.length * 3);
    expectRateLimitsUsedNoAttempt(ends);
  });
});
