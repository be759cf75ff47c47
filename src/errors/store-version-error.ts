import { SwarmError } from './swarm-error.ts';

/** The store was written by a newer Swarm, whose schema this one does not know; nothing was changed. */
export class StoreVersionError extends SwarmError {
  /** The store's database file. */
  readonly file: string;
  /** The schema version the store is at. */
  readonly storeVersion: number;
  /** The newest schema version this Swarm knows. */
  readonly knownVersion: number;

  constructor({ file, storeVersion, knownVersion }: { file: string; storeVersion: number; knownVersion: number }) {
    super('StoreVersionError', `this store was written by a newer Swarm (schema ${storeVersion}, this one knows ${knownVersion}); upgrade Swarm`);
    this.file = file;
    this.storeVersion = storeVersion;
    this.knownVersion = knownVersion;
  }

  static isInstance(error: unknown): error is StoreVersionError {
    return SwarmError.isInstance(error) && error.name === 'StoreVersionError';
  }
}
