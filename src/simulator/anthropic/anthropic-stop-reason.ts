import type { SimulatedAnswer } from '../simulated-answer.ts';

/** The `stop_reason` of an answer: `max_tokens` when cut short, `tool_use` when it calls tools, else `end_turn`. */
export function anthropicStopReason(answer: SimulatedAnswer): string {
  if (answer.finishReason === 'length') return 'max_tokens';
  return answer.finishReason === 'tool_calls' ? 'tool_use' : 'end_turn';
}
