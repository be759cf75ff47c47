import type { StreamDialect } from '../provider-dialect.ts';
import type { SimulatedAnswer } from '../simulated-answer.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { toolCallOf } from './openai-tool-call.ts';
import { openaiUsage } from './openai-usage.ts';

/**
 * Chat Completions streaming: `data:` frames of `chat.completion.chunk`, a last chunk with the
 * finish reason, a usage chunk with no choices when `stream_options.include_usage` is set, then
 * `data: [DONE]`. A tool call opens with a delta holding its `index`, `id`, `type` and `name` (and,
 * for the first, the role) with empty arguments; its arguments follow in deltas that carry only
 * `index` and `function.arguments` (https://platform.openai.com/docs/guides/function-calling#streaming).
 * An error part-way is a bare `{ error }` frame and the stream just ends.
 */
export const openaiStream: StreamDialect = {
  contentType: 'text/event-stream; charset=utf-8',
  start: (call, answer) => (answer.toolCalls === undefined ? frame(chunk(call, answer, { role: 'assistant', content: '', refusal: null }, null)) : ''),
  partStart(call, answer, index) {
    const toolCall = answer.toolCalls?.[index];
    if (toolCall === undefined) return '';
    const opening = { index, ...toolCallOf(toolCall, '') };
    return frame(chunk(call, answer, index === 0 ? { role: 'assistant', content: null, refusal: null, tool_calls: [opening] } : { tool_calls: [opening] }, null));
  },
  delta: (call, answer, index, text) =>
    frame(chunk(call, answer, answer.toolCalls === undefined ? { content: text } : { tool_calls: [{ index, function: { arguments: text } }] }, null)),
  partEnd: () => '',
  end(call, answer) {
    let frames = frame(chunk(call, answer, {}, answer.finishReason));
    if (call.includeUsage) frames += frame({ ...envelope(call, answer), choices: [], usage: openaiUsage(answer) });
    return `${frames}data: [DONE]\n\n`;
  },
  error: () =>
    frame({
      error: {
        message: 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error',
        param: null,
        code: null,
      },
    }),
};

function chunk(call: SimulatedCall, answer: SimulatedAnswer, delta: Record<string, unknown>, finishReason: string | null) {
  return {
    ...envelope(call, answer),
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    // With include_usage every chunk carries `usage: null` until the usage chunk.
    ...(call.includeUsage ? { usage: null } : {}),
  };
}

function envelope(call: SimulatedCall, answer: SimulatedAnswer) {
  return {
    id: answer.id,
    object: 'chat.completion.chunk',
    created: Math.floor(answer.createdMs / 1000),
    model: call.model,
    service_tier: 'default',
    system_fingerprint: 'fp_simulated',
  };
}

function frame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}
