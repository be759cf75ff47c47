const marker = Symbol.for('swarm.error');

/** Base class of every error Swarm raises on purpose; `name` is stable and safe to match on. */
export class SwarmError extends Error {
  readonly [marker] = true;

  constructor(name: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }

  /** True for any error raised by Swarm itself (as opposed to a bug or a dependency). */
  static isInstance(error: unknown): error is SwarmError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
