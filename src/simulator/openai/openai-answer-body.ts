import type { SimulatedAnswer } from '../simulated-answer.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { openaiUsage } from './openai-usage.ts';
import { toolCallOf } from './openai-tool-call.ts';

/**
 * A complete `chat.completion` response. An answer that calls tools has `content: null`, its
 * `tool_calls` and `finish_reason: 'tool_calls'`
 * (https://platform.openai.com/docs/api-reference/chat/object).
 */
export function openaiAnswerBody(call: SimulatedCall, answer: SimulatedAnswer): unknown {
  return {
    id: answer.id,
    object: 'chat.completion',
    created: Math.floor(answer.createdMs / 1000),
    model: call.model,
    choices: [
      {
        index: 0,
        message:
          answer.toolCalls === undefined
            ? { role: 'assistant', content: answer.text, refusal: null, annotations: [] }
            : { role: 'assistant', content: null, refusal: null, annotations: [], tool_calls: answer.toolCalls.map((toolCall) => toolCallOf(toolCall)) },
        logprobs: null,
        finish_reason: answer.finishReason,
      },
    ],
    usage: openaiUsage(answer),
    service_tier: 'default',
    system_fingerprint: 'fp_simulated',
  };
}
