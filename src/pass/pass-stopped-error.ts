/** Thrown into a row worker's pending call when the pass stops; the row is left pending, not failed. */
export class PassStoppedError extends Error {
  constructor() {
    super('the pass stopped');
    this.name = 'PassStoppedError';
  }
}
