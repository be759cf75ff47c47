/**
 * Where a worker pool takes its work. The local source reads the store; a queue consumer (distributed
 * mode) implements the same call over its queue.
 */
export interface DispatchSource<Work> {
  /**
   * The next unit of work, or undefined when the source has no more. A source that may get more
   * later (a queue) waits here instead of answering undefined.
   */
  next(): Work | undefined | Promise<Work | undefined>;
}
