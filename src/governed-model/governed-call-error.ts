import type { CallErrorAction, ClassifiedCallError } from '../call/classify-call-error.ts';
import { SwarmError } from '../errors/swarm-error.ts';

/**
 * A governed call gave up: its error cannot be fixed by retrying (`action: 'fail'`), affects every
 * call of the key (`'stop'`: auth, billing, quota), or its attempts ran out (`'retry'`). The error
 * was classified once, where the last attempt failed; `cause` is what the provider raised.
 */
export class GovernedCallError extends SwarmError {
  readonly classified: ClassifiedCallError;
  readonly action: CallErrorAction;
  readonly errorClass: string;
  readonly status: number | undefined;

  constructor(classified: ClassifiedCallError, options?: { cause?: unknown }) {
    super('GovernedCallError', classified.message, options);
    this.classified = classified;
    this.action = classified.action;
    this.errorClass = classified.errorClass;
    this.status = classified.status;
  }

  static override isInstance(error: unknown): error is GovernedCallError {
    return SwarmError.isInstance(error) && error.name === 'GovernedCallError';
  }
}
