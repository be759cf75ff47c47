import type { SimulatedAnswer } from './simulated-answer.ts';

/** The texts an answer streams, one per part: each tool call's arguments, or the answer text. */
export function answerParts(answer: SimulatedAnswer): string[] {
  return answer.toolCalls === undefined ? [answer.text] : answer.toolCalls.map((toolCall) => toolCall.arguments);
}
