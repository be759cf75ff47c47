/** How the simulated batch APIs (OpenAI Batch, Anthropic Message Batches, Gemini Batch) behave. */
export interface BatchSettings {
  /**
   * Milliseconds from a batch's creation until it ends; its items finish evenly over that time, so
   * the request counts advance while it runs. Default 1000.
   */
  completeAfterMs?: number;
  /**
   * Fraction (0–1) of items that do not finish before the batch ends and come back expired, drawn
   * from the seeded sequence. OpenAI ends such a batch `expired`, Anthropic `ended` with `expired`
   * results; Gemini, which has no per-item expiry, ends it `BATCH_STATE_EXPIRED` listing only the
   * finished items. Default 0.
   */
  expireFraction?: number;
}
