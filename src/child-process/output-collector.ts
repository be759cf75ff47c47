/** Keeps what a child writes to one of its streams. */
export interface OutputCollector {
  /** Takes a chunk; false once it went past a cap that ends the process group. */
  push(chunk: Buffer): boolean;
  /** What was kept, as text. */
  text(): string;
  /** Takes nothing more once the group is being ended: the output is what came before. */
  readonly untilStop?: boolean;
}
