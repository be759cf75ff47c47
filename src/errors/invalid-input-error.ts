import { SwarmError } from './swarm-error.ts';

/**
 * Input the user gave us cannot be used: a malformed file, a bad option, an unknown column.
 * Raised before any model call; `file` and `line` point at the problem when there is one.
 */
export class InvalidInputError extends SwarmError {
  readonly file?: string;
  readonly line?: number;

  constructor(message: string, { file, line, cause }: { file?: string; line?: number; cause?: unknown } = {}) {
    const where = file === undefined ? '' : line === undefined ? `${file}: ` : `${file}:${line}: `;
    super('InvalidInputError', where + message, { cause });
    this.file = file;
    this.line = line;
  }

  static isInstance(error: unknown): error is InvalidInputError {
    return SwarmError.isInstance(error) && error.name === 'InvalidInputError';
  }
}
