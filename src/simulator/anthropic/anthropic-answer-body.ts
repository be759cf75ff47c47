import type { SimulatedAnswer } from '../simulated-answer.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import { anthropicContent } from './anthropic-content.ts';
import { anthropicStopReason } from './anthropic-stop-reason.ts';
import { anthropicUsage } from './anthropic-usage.ts';

/** A complete Messages API response. */
export function anthropicAnswerBody(call: SimulatedCall, answer: SimulatedAnswer): unknown {
  const content = anthropicContent(call, answer);
  return {
    id: answer.id,
    type: 'message',
    role: 'assistant',
    model: call.model,
    content: [content],
    stop_reason: anthropicStopReason(answer, content),
    stop_sequence: null,
    usage: anthropicUsage(answer),
  };
}
