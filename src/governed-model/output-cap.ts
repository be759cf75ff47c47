/**
 * Swarm's own `max_tokens` for a provider that charges it against the output-token limit when a
 * call starts (Anthropic; the AI SDK otherwise sends the model's maximum, 64,000 for Haiku 4.5,
 * so a handful of calls would hold a whole minute's output limit). The cap follows the answers:
 * four times the longest answer per row seen so far, never under `minimum`; before any answer,
 * `initialPerRow` per row (small for a structured answer, larger for free text: a first wave cut
 * off costs a call per row, a first wave too large for the limit costs a park). An answer cut off
 * at the cap raises it fourfold for every later call.
 */
export interface OutputCap {
  /** The cap for a call answering `rows` rows. */
  forCall(rows: number): number;
  /** A whole answer came back: `outputTokens` for `rows` rows. */
  observe(outputTokens: number, rows: number): void;
  /** An answer for `rows` rows was cut off at `cap`. */
  cutOff(cap: number, rows: number): void;
}

const headroom = 4;
const minimum = 256;
// Swarm never asks for more; the AI SDK lowers it further to a known model's own maximum.
const maximum = 64_000;

/** Creates the cap of one pass; `initialPerRow` applies until the first answer. */
export function createOutputCap({ initialPerRow }: { initialPerRow: number }): OutputCap {
  let longestPerRow = 0;
  // Per row, so a batch cut off does not inflate the cap of a single row's call.
  let floorPerRow = 0;
  return {
    forCall(rows) {
      const wanted = longestPerRow === 0 ? initialPerRow * rows : Math.ceil(headroom * longestPerRow * rows);
      return Math.min(maximum, Math.max(minimum, Math.ceil(floorPerRow * rows), wanted));
    },
    observe(outputTokens, rows) {
      longestPerRow = Math.max(longestPerRow, outputTokens / Math.max(1, rows));
    },
    cutOff(cap, rows) {
      floorPerRow = Math.max(floorPerRow, (cap * headroom) / Math.max(1, rows));
    },
  };
}

/** Whether another call could get a larger cap than `cap`. */
export function canRaise(cap: number): boolean {
  return cap < maximum;
}
