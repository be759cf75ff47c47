import type { SimulatedAnswer } from '../simulated-answer.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { anthropicContent } from './anthropic-content.ts';
import { anthropicStopReason } from './anthropic-stop-reason.ts';
import { anthropicUsage } from './anthropic-usage.ts';

/** A complete Messages API response; an answer that calls tools has `tool_use` blocks and `stop_reason: 'tool_use'`. */
export function anthropicAnswerBody(call: SimulatedCall, answer: SimulatedAnswer): unknown {
  return {
    id: answer.id,
    type: 'message',
    role: 'assistant',
    model: call.model,
    content: anthropicContent(answer),
    stop_reason: anthropicStopReason(answer),
    stop_sequence: null,
    usage: anthropicUsage(answer),
  };
}
