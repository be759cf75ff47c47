import type { ModelPrice } from '../config/model-price.ts';

/** The cost in USD of a call's token usage, or undefined when the price is unknown. */
export function costOf(
  usage: { inputTokens: number; outputTokens: number },
  price: ModelPrice | undefined,
): number | undefined {
  if (price === undefined) return undefined;
  return (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
}
