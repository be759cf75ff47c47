import { SwarmError } from './swarm-error.ts';

const shownIds = 20;

/** A table source produced the same row id more than once; nothing was stored. */
export class DuplicateIdError extends SwarmError {
  readonly ids: string[];

  constructor(ids: string[]) {
    const shown = ids.slice(0, shownIds).map((id) => JSON.stringify(id)).join(', ');
    const more = ids.length > shownIds ? ` and ${ids.length - shownIds} more` : '';
    super('DuplicateIdError', `duplicate row ids: ${shown}${more}. Row ids must be unique.`);
    this.ids = ids;
  }

  static isInstance(error: unknown): error is DuplicateIdError {
    return SwarmError.isInstance(error) && error.name === 'DuplicateIdError';
  }
}
