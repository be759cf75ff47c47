import { SwarmError } from '../errors/swarm-error.ts';

/** A task's seeds file cannot take the seeds `swarm seed` would add to it; nothing was written. */
export class SeedFileError extends SwarmError {
  /** The seeds file (`seeds_file:`). */
  readonly file: string;

  constructor(message: string, { file }: { file: string }) {
    super('SeedFileError', message);
    this.file = file;
  }

  static override isInstance(error: unknown): error is SeedFileError {
    return SwarmError.isInstance(error) && error.name === 'SeedFileError';
  }
}
