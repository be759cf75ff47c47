/**
 * A schema has no form the provider enforces (a free-form object, a recursion it refuses, a limit
 * passed). Raised while a schema is converted and caught by the converter, which then sends the
 * schema as written, non-strict.
 */
export class NotExpressibleError extends Error {
  override readonly name = 'NotExpressibleError';

  /** Whether `error` is a NotExpressibleError. */
  static isInstance(error: unknown): error is NotExpressibleError {
    return error instanceof Error && error.name === 'NotExpressibleError';
  }
}
