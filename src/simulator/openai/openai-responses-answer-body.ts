import type { SimulatedAnswer } from '../simulated-answer.ts';
import type { SimulatedCall } from '../simulated-call.ts';

/**
 * A complete Responses API `response` object: one assistant message, `incomplete` when cut short,
 * or one `function_call` item per tool call (`call_id`, `name`, `arguments` as JSON text;
 * https://platform.openai.com/docs/guides/function-calling). Item ids follow from the response
 * id, so a stream's events and its final response agree.
 */
export function openaiResponsesAnswerBody(call: SimulatedCall, answer: SimulatedAnswer) {
  const cut = answer.finishReason === 'length';
  const suffix = answer.id.replace(/^resp_/, '');
  const output =
    answer.toolCalls === undefined
      ? [
          {
            type: 'message' as const,
            id: `msg_${suffix}`,
            status: cut ? 'incomplete' : 'completed',
            role: 'assistant',
            content: [{ type: 'output_text', text: answer.text, annotations: [], logprobs: [] }],
          },
        ]
      : answer.toolCalls.map((toolCall, index) => ({
          type: 'function_call' as const,
          id: `fc_${suffix.slice(0, 46)}${String(index).padStart(2, '0')}`,
          call_id: toolCall.id!,
          name: toolCall.name,
          arguments: toolCall.arguments,
          status: 'completed',
        }));
  return {
    id: answer.id,
    object: 'response',
    created_at: Math.floor(answer.createdMs / 1000),
    status: cut ? 'incomplete' : 'completed',
    error: null,
    incomplete_details: cut ? { reason: 'max_output_tokens' } : null,
    model: call.model,
    output,
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
