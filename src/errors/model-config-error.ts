import { SwarmError } from './swarm-error.ts';

/** No usable model: none chosen, an unknown provider or model, or a missing API key. Never carries a key. */
export class ModelConfigError extends SwarmError {
  constructor(message: string) {
    super('ModelConfigError', message);
  }

  static isInstance(error: unknown): error is ModelConfigError {
    return SwarmError.isInstance(error) && error.name === 'ModelConfigError';
  }
}
