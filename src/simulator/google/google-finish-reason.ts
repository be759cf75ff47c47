import type { SimulatedAnswer } from '../simulated-answer.ts';

/** The Gemini finish reason of an answer. */
export function googleFinishReason(answer: SimulatedAnswer): string {
  return answer.finishReason === 'length' ? 'MAX_TOKENS' : 'STOP';
}
