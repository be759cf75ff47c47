import { SwarmError } from './swarm-error.ts';

/** Something in the store cannot be read: the database file itself, or one record in it. */
export class StoreCorruptError extends SwarmError {
  /** The database file, when the file itself cannot be read. */
  readonly file: string | undefined;
  /** The record that cannot be read (e.g. `provider_batches row 12 of pass pass-1a2b`), when it is one record. */
  readonly record: string | undefined;

  constructor(message: string, { file, record, cause }: { file?: string; record?: string; cause?: unknown } = {}) {
    super('StoreCorruptError', message, { cause });
    this.file = file;
    this.record = record;
  }

  static isInstance(error: unknown): error is StoreCorruptError {
    return SwarmError.isInstance(error) && error.name === 'StoreCorruptError';
  }
}
