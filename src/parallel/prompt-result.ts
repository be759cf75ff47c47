/** How one prompt of a fan-out ended: its answer, or its error (never `null`). */
export type PromptResult =
  /** A free-text answer (no schema). */
  | { index: number; ok: true; text: string }
  /** A structured answer (with a schema): the answer's properties. */
  | { index: number; ok: true; output: Record<string, unknown> }
  | { index: number; ok: false; error: { message: string; class: string } };
