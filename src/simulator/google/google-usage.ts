import type { SimulatedAnswer } from '../simulated-answer.ts';

/** The `usageMetadata` of a Gemini response. */
export function googleUsage(answer: SimulatedAnswer): Record<string, unknown> {
  return {
    promptTokenCount: answer.inputTokens,
    candidatesTokenCount: answer.outputTokens,
    totalTokenCount: answer.inputTokens + answer.outputTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: answer.inputTokens }],
  };
}
