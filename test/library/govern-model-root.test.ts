// `governModel` from the package root, under a plain AI SDK tool loop on Swarm's mock model: each
// step of `generateText` takes a slot of the key's limiter, is charged to the budget and recorded.
import { generateText, stepCountIs, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createKeyLimiter, createMockModel, governModel, type AttemptEnd, type BudgetGuard, type CallTokens, type KeyLimiter } from 'swarm';

describe("governModel from 'swarm'", () => {
  it('limits, budgets and records every step of a generateText tool loop on the mock model', async () => {
    const limiter = createKeyLimiter({ maxConcurrency: 2 });
    const slots: CallTokens[] = [];
    const settled: Array<CallTokens | undefined> = [];
    const countingLimiter: KeyLimiter = {
      ...limiter,
      async acquire(estimate, signal, owner) {
        const reservation = await limiter.acquire(estimate, signal, owner);
        slots.push(reservation.tokens);
        return { ...reservation, settle: (outcome) => (settled.push(outcome.actual), reservation.settle(outcome)) };
      },
    };
    const charged: Array<{ cost: number; tokens: number }> = [];
    let inFlight = 0;
    const budget: BudgetGuard = {
      reserve() {
        inFlight++;
        return { release: (actual) => (inFlight--, charged.push(actual)) };
      },
      get inFlight() {
        return inFlight;
      },
      nextRelease: async () => {},
    };
    const attempts: AttemptEnd[] = [];
    const model = governModel(createMockModel(), {
      limiter: countingLimiter,
      budget,
      costOf: (inputTokens, outputTokens) => (inputTokens + outputTokens) / 1_000_000,
      recorder: { attemptStart() {}, attemptEnd: (end) => attempts.push(end), retryWait() {}, keyPark() {} },
    });

    const looked: string[] = [];
    const result = await generateText({
      model,
      maxRetries: 0,
      stopWhen: stepCountIs(5),
      // The mock model obeys CALL lines: `lookup` in the first step, `convert` in the second, then it answers.
      prompt: 'How warm is it in Paris, in °F?\nCALL lookup {"city":"Paris"}\nCALL+1 convert {"celsius":21}',
      tools: {
        lookup: tool({ inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => (looked.push(city), { city, celsius: 21 }) }),
        convert: tool({ inputSchema: z.object({ celsius: z.number() }), execute: async ({ celsius }) => ({ fahrenheit: (celsius * 9) / 5 + 32 }) }),
      },
    });

    expect(result.steps.map((step) => step.toolCalls.map((call) => call.toolName))).toEqual([['lookup'], ['convert'], []]);
    expect(looked).toEqual(['Paris']);
    // Every step: one limiter slot, settled with the tokens it used; one budget charge; one answered attempt.
    expect(slots).toHaveLength(3);
    expect(settled).toHaveLength(3);
    expect(attempts.map((attempt) => attempt.status)).toEqual(['answered', 'answered', 'answered']);
    expect(charged).toHaveLength(3);
    for (const [index, step] of result.steps.entries()) {
      const attempt = attempts[index]!;
      const tokens = step.usage.inputTokens! + step.usage.outputTokens!;
      expect(settled[index]).toEqual({ inputTokens: step.usage.inputTokens, outputTokens: step.usage.outputTokens });
      expect(charged[index]).toEqual({ cost: tokens / 1_000_000, tokens });
      expect(attempt.status === 'answered' && attempt.cost).toBe(tokens / 1_000_000);
    }
    expect(inFlight).toBe(0);
  });
});
