import type { SimulatedAnswer } from '../simulated-answer.ts';
import type { SimulatedCall } from '../simulated-call.ts';

/**
 * A complete Responses API `response` object: one assistant message, `incomplete` when cut short.
 * The message id follows from the response id, so a stream's events and its final response agree.
 */
export function openaiResponsesAnswerBody(call: SimulatedCall, answer: SimulatedAnswer) {
  const cut = answer.finishReason === 'length';
  return {
    id: answer.id,
    object: 'response',
    created_at: Math.floor(answer.createdMs / 1000),
    status: cut ? 'incomplete' : 'completed',
    error: null,
    incomplete_details: cut ? { reason: 'max_output_tokens' } : null,
    model: call.model,
    output: [
      {
        type: 'message',
        id: `msg_${answer.id.replace(/^resp_/, '')}`,
        status: cut ? 'incomplete' : 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: answer.text, annotations: [], logprobs: [] }],
      },
    ],
    usage: {
      input_tokens: answer.inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: answer.outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: answer.inputTokens + answer.outputTokens,
    },
    service_tier: 'default',
  };
}
