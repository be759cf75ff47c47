/** What one provider's batch API has seen. Items are counted when their batch ends. */
export interface BatchCounts {
  /** Batches created. */
  created: number;
  /** Requests submitted in them. */
  requests: number;
  succeeded: number;
  /** Items answered with an error (injected server errors, overloads, 429s, bad requests). */
  errored: number;
  expired: number;
  cancelled: number;
  /** Tokens of the succeeded items. */
  inputTokens: number;
  outputTokens: number;
  /**
   * What the provider bills for them: tokens times `batchPriceFactor` (0.5; all three providers
   * bill batches at half the online price). Errored, expired and cancelled items are not billed.
   */
  billedInputTokens: number;
  billedOutputTokens: number;
}
