import { SwarmError } from '../errors/swarm-error.ts';

/**
 * A tool call that was allowed but could not be done: no such file, a string to replace that is
 * absent, an invalid regular expression. The message is written for the model, which sees it as
 * the tool's error.
 */
export class ToolFailedError extends SwarmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ToolFailedError', message, options);
  }

  static isInstance(error: unknown): error is ToolFailedError {
    return SwarmError.isInstance(error) && error.name === 'ToolFailedError';
  }
}
