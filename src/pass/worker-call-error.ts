import type { ClassifiedCallError } from '../call/classify-call-error.ts';

/** A row worker's model call failed for good (retries spent, or a request that cannot succeed). */
export class WorkerCallError extends Error {
  readonly classified: ClassifiedCallError;

  constructor(classified: ClassifiedCallError) {
    super(classified.message);
    this.name = 'WorkerCallError';
    this.classified = classified;
  }
}
