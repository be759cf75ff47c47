import type { SimulatedAnswer } from '../simulated-answer.ts';
import type { AnthropicContent } from './anthropic-content.ts';

/** The `stop_reason` for an answer and its content. */
export function anthropicStopReason(answer: SimulatedAnswer, content: AnthropicContent): string {
  if (answer.finishReason === 'length') return 'max_tokens';
  return content.type === 'tool_use' ? 'tool_use' : 'end_turn';
}
