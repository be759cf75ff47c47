import { SwarmError } from '../errors/swarm-error.ts';
import type { RowFailure } from '../recorder/result-writer.ts';

/** A map-reduce could not map every item: some map calls failed (`failures`, by item index), or its pass stopped (`stopped`). Reduce was not run. */
export class MapReduceError extends SwarmError {
  /** Each failed item: its index in the dataset and why. */
  readonly failures: readonly { index: number; error: string; errorClass: string }[];
  /** Why the pass stopped before mapping every item (a budget cap, the provider), when it did. */
  readonly stopped: string | undefined;

  constructor(message: string, { failures = [], stopped }: { failures?: readonly RowFailure[]; stopped?: string }) {
    super('MapReduceError', message);
    this.failures = failures.map(({ id, error, errorClass }) => ({ index: Number(id), error, errorClass }));
    this.stopped = stopped;
  }

  static isInstance(error: unknown): error is MapReduceError {
    return SwarmError.isInstance(error) && error.name === 'MapReduceError';
  }
}
