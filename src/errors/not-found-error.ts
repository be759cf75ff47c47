import { SwarmError } from './swarm-error.ts';

/** A table (or another named thing) does not exist in the store. */
export class NotFoundError extends SwarmError {
  readonly kind: string;
  readonly key: string;

  constructor(kind: string, key: string, hint = '') {
    super('NotFoundError', `unknown ${kind} ${JSON.stringify(key)}${hint ? `. ${hint}` : ''}`);
    this.kind = kind;
    this.key = key;
  }

  static isInstance(error: unknown): error is NotFoundError {
    return SwarmError.isInstance(error) && error.name === 'NotFoundError';
  }
}
