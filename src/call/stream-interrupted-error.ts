/** A streamed answer broke off: an error part arrived mid-stream, or the stream ended without finishing. Retryable. */
export class StreamInterruptedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StreamInterruptedError';
  }

  /** True for errors of this class, across module copies. */
  static isInstance(error: unknown): error is StreamInterruptedError {
    return error instanceof Error && error.name === 'StreamInterruptedError';
  }
}
