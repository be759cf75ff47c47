// Agent loops of the real AI SDK providers against the simulator: `generateText` and `streamText`
// with tools that execute and `stopWhen: stepCountIs(5)` run tool calls, results and a final
// answer through each provider's wire format (OpenAI Chat Completions and Responses, Anthropic,
// Gemini); forced tool choices make the first step a call; `Output.object` ends the loop with a
// structured answer.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startSimulator, type Simulator } from '../../src/simulator/index.ts';

let simulator: Simulator | undefined;
afterEach(() => simulator?.close());

const providers: Array<{ name: string; model: (simulator: Simulator) => LanguageModelV4 }> = [
  { name: 'OpenAI Chat Completions', model: (simulator) => createOpenAI({ baseURL: simulator.baseUrls.openai, apiKey: 'sk-test-loops' }).chat('gpt-4o-mini') },
  { name: 'OpenAI Responses', model: (simulator) => createOpenAI({ baseURL: simulator.baseUrls.openai, apiKey: 'sk-test-loops' }).responses('gpt-4o-mini') },
  { name: 'Anthropic', model: (simulator) => createAnthropic({ baseURL: simulator.baseUrls.anthropic, apiKey: 'sk-ant-test-loops' })('claude-haiku-4-5') },
  { name: 'Gemini', model: (simulator) => createGoogleGenerativeAI({ baseURL: simulator.baseUrls.google, apiKey: 'test-loops' })('gemini-2.5-flash') },
];

const executed: string[] = [];
const tools = {
  lookup: tool({
    description: 'Current temperature of a city, in °C',
    inputSchema: z.object({ city: z.string() }),
    execute: async ({ city }) => {
      executed.push(`lookup ${city}`);
      return { city, celsius: 21 };
    },
  }),
  convert: tool({
    description: 'Converts °C to °F',
    inputSchema: z.object({ celsius: z.number() }),
    execute: async ({ celsius }) => {
      executed.push('convert');
      return { fahrenheit: (celsius * 9) / 5 + 32 };
    },
  }),
};
const prompt = 'How warm is it in Paris, in °F?';

async function modelFor(provider: (typeof providers)[number]): Promise<LanguageModelV4> {
  executed.length = 0;
  simulator = await startSimulator({ seed: 3 });
  return provider.model(simulator);
}

describe.each(providers)('an AI SDK tool loop on $name', (provider) => {
  it('runs tool calls and their results to a final answer', async () => {
    const model = await modelFor(provider);
    const result = await generateText({ model, tools, prompt, stopWhen: stepCountIs(5), maxRetries: 0 });
    expect(result.steps.map((step) => step.toolCalls.map((call) => call.toolName))).toEqual([['lookup'], ['convert'], []]);
    expect(result.steps[0]!.toolCalls[0]!.input).toEqual({ city: 'Paris' });
    expect(result.steps.map((step) => step.toolResults.length)).toEqual([1, 1, 0]);
    expect(executed).toEqual(['lookup Paris', 'convert']);
    expect(result.finishReason).toBe('stop');
    expect(result.text).not.toBe('');
    expect(result.totalUsage.outputTokens).toBeGreaterThan(0);
  });

  it('streams the same loop', async () => {
    const model = await modelFor(provider);
    const result = streamText({ model, tools, prompt, stopWhen: stepCountIs(5), maxRetries: 0 });
    const steps = await result.steps;
    expect(steps.map((step) => step.toolCalls.map((call) => call.toolName))).toEqual([['lookup'], ['convert'], []]);
    expect(steps[0]!.toolCalls[0]!.input).toEqual({ city: 'Paris' });
    expect(await result.text).not.toBe('');
  });

  it("makes the first step a tool call under toolChoice 'required', and a call of the named tool under a tool choice", async () => {
    const model = await modelFor(provider);
    const required = await generateText({ model, tools, prompt, toolChoice: 'required', stopWhen: stepCountIs(1), maxRetries: 0 });
    expect(required.steps[0]!.toolCalls.map((call) => call.toolName)).toEqual(['lookup']);
    const named = await generateText({ model, tools, prompt, toolChoice: { type: 'tool', toolName: 'convert' }, stopWhen: stepCountIs(1), maxRetries: 0 });
    expect(named.steps[0]!.finishReason).toBe('tool-calls');
    expect(named.steps[0]!.toolCalls.map((call) => call.toolName)).toEqual(['convert']);
    expect(named.steps[0]!.toolCalls[0]!.input).toEqual({ celsius: expect.any(Number) });
  });

  it('makes the calls a prompt scripts, as the mock model does, then answers', async () => {
    const model = await modelFor(provider);
    const scripted = `${prompt}\nCALL lookup {"city":"Oslo"}\nCALL+1 convert {"celsius":-3}`;
    const result = await generateText({ model, tools, prompt: scripted, stopWhen: stepCountIs(5), maxRetries: 0 });
    expect(result.steps.map((step) => step.toolCalls.map((call) => [call.toolName, call.input]))).toEqual([[['lookup', { city: 'Oslo' }]], [['convert', { celsius: -3 }]], []]);
  });

  it('ends a loop with a structured answer under Output.object', async () => {
    const model = await modelFor(provider);
    const schema = z.object({ city: z.string(), fahrenheit: z.number(), summary: z.string() });
    const result = await generateText({ model, tools, prompt, output: Output.object({ schema }), stopWhen: stepCountIs(5), maxRetries: 0 });
    expect(result.steps.slice(0, 2).map((step) => step.toolCalls.map((call) => call.toolName))).toEqual([['lookup'], ['convert']]);
    expect(schema.parse(result.output)).toEqual(result.output);
    expect(executed).toEqual(['lookup Paris', 'convert']);
  });
});

describe('structured answers beside tools, the other ways the AI SDK asks for them', () => {
  const schema = z.object({ city: z.string(), fahrenheit: z.number() });

  it("Anthropic's jsonTool mode: the forced json tool carries the answer once the tools had their turn", async () => {
    simulator = await startSimulator({ seed: 3 });
    const model = createAnthropic({ baseURL: simulator.baseUrls.anthropic, apiKey: 'sk-ant-test-loops' })('claude-haiku-4-5');
    const result = await generateText({
      model,
      tools,
      prompt,
      output: Output.object({ schema }),
      stopWhen: stepCountIs(5),
      maxRetries: 0,
      providerOptions: { anthropic: { structuredOutputMode: 'jsonTool' } },
    });
    expect(result.steps.map((step) => step.toolCalls.map((call) => call.toolName))).toEqual([['lookup'], ['convert'], []]);
    expect(schema.parse(result.output)).toEqual(result.output);
  });

  it('Gemini 3: JSON output and function calling in the same request', async () => {
    simulator = await startSimulator({ seed: 3 });
    const model = createGoogleGenerativeAI({ baseURL: simulator.baseUrls.google, apiKey: 'test-loops' })('gemini-3-flash-preview');
    const result = await generateText({ model, tools, prompt, output: Output.object({ schema }), stopWhen: stepCountIs(5), maxRetries: 0 });
    expect(result.steps.map((step) => step.toolCalls.map((call) => call.toolName))).toEqual([['lookup'], ['convert'], []]);
    expect(schema.parse(result.output)).toEqual(result.output);
  });
});
