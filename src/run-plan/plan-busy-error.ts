import { SwarmError } from '../errors/swarm-error.ts';

/** Another run of the same plan is alive (it holds the plan run's lease): two would run its tasks twice. */
export class PlanBusyError extends SwarmError {
  /** The plan run that is already running. */
  readonly planId: string;
  /** Where: "in this process", "in process 4242", "on host-b, process 4242". */
  readonly where: string;
  /** When that run last said it was alive (ms since the epoch). */
  readonly since: number;

  constructor({ planId, where, since }: { planId: string; where: string; since: number }) {
    super(
      'PlanBusyError',
      `plan run ${planId} is already running ${where} (alive at ${new Date(since).toISOString()}); two runs would run its tasks twice. ` +
        'Wait for it to end or stop it, then run again to resume',
    );
    this.planId = planId;
    this.where = where;
    this.since = since;
  }

  static override isInstance(error: unknown): error is PlanBusyError {
    return SwarmError.isInstance(error) && error.name === 'PlanBusyError';
  }
}
