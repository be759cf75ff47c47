/**
 * The output tokens a call is expected to use, reserved in the limiter and the budget before its
 * answer says: a running average per row (per call, for calls that are not about rows).
 */
export interface OutputEstimate {
  /** Expected output tokens of a call answering `rows` rows. */
  forCall(rows: number): number;
  /** A call answering `rows` rows used `outputTokens`. */
  observe(outputTokens: number, rows: number): void;
}

/** An estimate starting at `initialPerRow` and moving a tenth of the way to each answer. */
export function createOutputEstimate({ initialPerRow }: { initialPerRow: number }): OutputEstimate {
  let perRow = initialPerRow;
  return {
    forCall: (rows) => Math.ceil(perRow * rows),
    observe(outputTokens, rows) {
      perRow = perRow * 0.9 + (outputTokens / rows) * 0.1;
    },
  };
}
