import {
  APICallError,
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4Content,
  type LanguageModelV4FinishReason,
  type LanguageModelV4StreamPart,
  type LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { ModelConfigError } from '../../errors/index.ts';
import { abortableDelay } from './abortable-delay.ts';
import { buildMockAnswer, type MockBreakage } from '../../mock-answer/build-mock-answer.ts';
import type { MockSettings } from '../../config/mock-settings.ts';
import { defaultMockSettings } from './default-mock-settings.ts';
import { planMockToolCalls } from '../../mock-answer/plan-mock-tool-calls.ts';
import { promptCharacters } from '../../mock-answer/prompt-characters.ts';
import { seededRandom } from '../../mock-answer/seeded-random.ts';

const stop: LanguageModelV4FinishReason = { unified: 'stop', raw: 'stop' };
const toolCalls: LanguageModelV4FinishReason = { unified: 'tool-calls', raw: 'tool_calls' };
const streamChunkCharacters = 64;

/**
 * A real LanguageModelV4 that answers without a network: deterministic, schema-valid JSON for the
 * rows in the prompt, with optional latency, provider outages (retryable 503 APICallErrors) and
 * malformed answers, as set by `settings`. Offered tools, it calls them as `planMockToolCalls`
 * scripts, then answers.
 */
export function createMockModel(
  settings: Partial<MockSettings> = {},
  { modelId = 'default' }: { modelId?: string } = {},
): LanguageModelV4 {
  const { latencyMs, jitterMs, failureRate, malformedRate, seed } = completeSettings(settings);
  // Failures and breakage come from a sequence that advances per call, so a retry can succeed;
  // answer values come from hashes, so they never depend on call order.
  const random = seededRandom(seed);
  let malformedCount = 0;

  async function respond(options: LanguageModelV4CallOptions): Promise<{ content: LanguageModelV4Content[]; finishReason: LanguageModelV4FinishReason; usage: LanguageModelV4Usage }> {
    const { abortSignal } = options;
    if (abortSignal?.aborted) throw abortSignal.reason;
    const failureDraw = random();
    const malformedDraw = random();
    const jitterDraw = random();
    const delayMs = Math.max(0, latencyMs + (jitterDraw * 2 - 1) * jitterMs);
    // No timer at all for zero latency: the benchmarks make 100k calls a second.
    if (delayMs > 0) await abortableDelay(delayMs, abortSignal);
    if (failureDraw < failureRate) throw simulatedOutage(modelId, options);
    const calls = options.tools === undefined ? [] : planMockToolCalls(options);
    if (calls.length > 0) {
      const round = options.prompt.filter((message) => message.role === 'assistant').length;
      const content = calls.map(({ toolName, input }, index): LanguageModelV4Content => ({ type: 'tool-call', toolCallId: `mock_call_${round}_${index}`, toolName, input }));
      const characters = calls.reduce((sum, call) => sum + call.toolName.length + call.input.length, 0);
      return { content, finishReason: toolCalls, usage: usageOf(promptCharacters(options.prompt), characters) };
    }
    const breakage: MockBreakage = malformedDraw < malformedRate ? (malformedCount++ % 2 === 0 ? 'truncated' : 'wrong-type') : undefined;
    const text = buildMockAnswer(options, { seed, breakage });
    return { content: [{ type: 'text', text }], finishReason: stop, usage: usageOf(promptCharacters(options.prompt), text.length) };
  }

  return {
    specificationVersion: 'v4',
    provider: 'mock',
    modelId,
    supportedUrls: {},
    async doGenerate(options) {
      const { content, finishReason, usage } = await respond(options);
      return { content, finishReason, usage, response: { modelId }, warnings: [] };
    },
    async doStream(options) {
      const { content, finishReason, usage } = await respond(options);
      const parts: LanguageModelV4StreamPart[] = [
        { type: 'stream-start', warnings: [] },
        { type: 'response-metadata', modelId },
      ];
      for (const part of content) {
        if (part.type === 'tool-call') parts.push(part);
        if (part.type !== 'text') continue;
        parts.push({ type: 'text-start', id: '0' });
        for (let start = 0; start < part.text.length; start += streamChunkCharacters) {
          parts.push({ type: 'text-delta', id: '0', delta: part.text.slice(start, start + streamChunkCharacters) });
        }
        parts.push({ type: 'text-end', id: '0' });
      }
      parts.push({ type: 'finish', usage, finishReason });
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      });
      return { stream };
    },
  };
}

function completeSettings(settings: Partial<MockSettings>): MockSettings {
  const complete = { ...defaultMockSettings };
  for (const [name, value] of Object.entries(settings) as Array<[keyof MockSettings, number | undefined]>) {
    if (value !== undefined) complete[name] = value;
  }
  const { latencyMs, jitterMs, failureRate, malformedRate, seed } = complete;
  const problem =
    !(latencyMs >= 0 && Number.isFinite(latencyMs)) ? 'latencyMs must be a number ≥ 0'
    : !(jitterMs >= 0 && Number.isFinite(jitterMs)) ? 'jitterMs must be a number ≥ 0'
    : !(failureRate >= 0 && failureRate <= 1) ? 'failureRate must be between 0 and 1'
    : !(malformedRate >= 0 && malformedRate <= 1) ? 'malformedRate must be between 0 and 1'
    : !Number.isInteger(seed) ? 'seed must be an integer'
    : undefined;
  if (problem !== undefined) throw new ModelConfigError(`mock model: ${problem}`);
  return complete;
}

function usageOf(promptCharacterCount: number, answerCharacterCount: number): LanguageModelV4Usage {
  const inputTokens = Math.ceil(promptCharacterCount / 4);
  const outputTokens = Math.ceil(answerCharacterCount / 4);
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}

function simulatedOutage(modelId: string, options: LanguageModelV4CallOptions): APICallError {
  return new APICallError({
    message: 'Service Unavailable (simulated by the mock model)',
    url: `mock://${modelId}`,
    requestBodyValues: { prompt: options.prompt },
    statusCode: 503,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: '{"error":{"message":"Service Unavailable","type":"server_error"}}',
    isRetryable: true,
  });
}
