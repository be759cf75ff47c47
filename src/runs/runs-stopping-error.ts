import { SwarmError } from '../errors/swarm-error.ts';

/** A run was asked for while the process is stopping: ask again once it (or the next one) has started. */
export class RunsStoppingError extends SwarmError {
  constructor() {
    super('RunsStoppingError', 'Swarm is stopping and starts no new runs; start it again (swarm start) and retry');
  }

  static isInstance(error: unknown): error is RunsStoppingError {
    return SwarmError.isInstance(error) && error.name === 'RunsStoppingError';
  }
}
