import type { TokenUsage } from '../events/swarm-event.ts';
import type { BatchItemError } from './batch-item-error.ts';

/** What became of one batch item: its answer text (unparsed, like `callModel`'s), or why there is none. */
export type ProviderBatchOutcome =
  | {
      text: string;
      usage: TokenUsage;
      /** USD at the batch price (`batchDiscount` already taken off); undefined when the price is unknown. */
      cost: number | undefined;
      /** The model stopped at the output limit: the answer is cut off. */
      truncated?: boolean;
    }
  | { error: BatchItemError };
