import { SwarmError } from '../errors/swarm-error.ts';

/** Another run of the same pass is alive: two would pay for every row twice. */
export class PassBusyError extends SwarmError {
  /** The pass that is already running. */
  readonly passId: string;
  /** Where the other run is: "in this process", "in process 4242", "on host-b, process 4242". */
  readonly where: string;
  /** When the other run last said it was alive (ms since the epoch). */
  readonly since: number;

  constructor({ passId, where, since }: { passId: string; where: string; since: number }) {
    super(
      'PassBusyError',
      `pass ${passId} is already running (${where}, since ${new Date(since).toISOString()}); two runs would call the model twice for every row. ` +
        'Wait for it to end or stop it, then run again to resume',
    );
    this.passId = passId;
    this.where = where;
    this.since = since;
  }

  static override isInstance(error: unknown): error is PassBusyError {
    return SwarmError.isInstance(error) && error.name === 'PassBusyError';
  }
}
