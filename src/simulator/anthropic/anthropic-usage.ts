import type { SimulatedAnswer } from '../simulated-answer.ts';

/** The `usage` object of a Messages response. */
export function anthropicUsage(answer: SimulatedAnswer, outputTokens = answer.outputTokens): Record<string, unknown> {
  return {
    input_tokens: answer.inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}
