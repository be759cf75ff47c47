import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';
import { setTimeout as sleep } from 'node:timers/promises';

/** One call a scripted model received. */
export interface ScriptedCall {
  /** Position among this model's calls, from 0. */
  index: number;
  /** The row ids rendered in the prompt, in order. */
  rowIds: string[];
  /** Whether the engine asked for the batch shape `{ results: [...] }`. */
  batch: boolean;
  system: string;
  /** The user turns, joined (a correction turn is the last one). */
  userText: string;
  options: LanguageModelV4CallOptions;
}

/** What a scripted model answers a call with: raw text, or a value sent as JSON. */
export type ScriptedAnswer = string | Record<string, unknown>;

/**
 * A LanguageModelV4 (the AI SDK's MockLanguageModelV4) whose answers the test decides per call,
 * recording every call and the most calls it had in flight at once.
 */
export function scriptedModel(
  answer: (call: ScriptedCall) => ScriptedAnswer | Promise<ScriptedAnswer>,
  { latencyMs = 0, modelId = 'scripted' }: { latencyMs?: number; modelId?: string } = {},
) {
  const calls: ScriptedCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const model = new MockLanguageModelV4({
    provider: 'test',
    modelId,
    doGenerate: async (options) => {
      const call = describeCall(calls.length, options);
      calls.push(call);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (latencyMs > 0) await sleep(latencyMs, undefined, { signal: options.abortSignal });
        const value = await answer(call);
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        return {
          content: [{ type: 'text', text }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: {
            inputTokens: { total: 100, noCache: 100, cacheRead: 0, cacheWrite: 0 },
            outputTokens: { total: 10, text: 10, reasoning: 0 },
          },
          warnings: [],
        };
      } finally {
        inFlight--;
      }
    },
  });
  return {
    model,
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

/** Answers every row with `fields(id)`: the row object alone, or `{ results }` for a batch. */
export function answerRows(fields: (rowId: string) => Record<string, unknown>): (call: ScriptedCall) => ScriptedAnswer {
  return (call) => (call.batch ? { results: call.rowIds.map((id) => ({ id, ...fields(id) })) } : fields(call.rowIds[0]!));
}

function describeCall(index: number, options: LanguageModelV4CallOptions): ScriptedCall {
  let system = '';
  const userTurns: string[] = [];
  for (const message of options.prompt) {
    if (message.role === 'system') system += message.content;
    if (message.role !== 'user') continue;
    userTurns.push(message.content.map((part) => (part.type === 'text' ? part.text : '')).join(''));
  }
  // The rows sit in the first user turn; later ones are corrections.
  const rowIds = [...(userTurns[0] ?? '').matchAll(/<row id="([^"]*)">/g)].map((match) => match[1]!);
  const schema = options.responseFormat?.type === 'json' ? (options.responseFormat.schema as { properties?: object } | undefined) : undefined;
  const batch = schema?.properties !== undefined && 'results' in schema.properties;
  return { index, rowIds, batch, system, userText: userTurns.join('\n'), options };
}
