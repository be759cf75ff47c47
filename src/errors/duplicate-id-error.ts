import { SwarmError } from './swarm-error.ts';

const shownIds = 20;

/** A table source produced the same row id more than once; nothing was stored. */
export class DuplicateIdError extends SwarmError {
  readonly ids: string[];
  /** The data file the ids came from, when they came from one. */
  readonly file: string | undefined;

  constructor(ids: string[], { file }: { file?: string } = {}) {
    const shown = ids.slice(0, shownIds).map((id) => JSON.stringify(id)).join(', ');
    const more = ids.length > shownIds ? ` and ${ids.length - shownIds} more` : '';
    super('DuplicateIdError', `duplicate row ids${file === undefined ? '' : ` in ${file}`}: ${shown}${more}. Row ids must be unique.`);
    this.ids = ids;
    this.file = file;
  }

  static isInstance(error: unknown): error is DuplicateIdError {
    return SwarmError.isInstance(error) && error.name === 'DuplicateIdError';
  }
}
