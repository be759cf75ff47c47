import { SwarmError } from '../errors/swarm-error.ts';

/** The provider holds this key until a deadline too far away to wait for; raised before any call. */
export class ProviderWaitError extends SwarmError {
  readonly parkedUntil: number;

  constructor(parkedUntil: number) {
    super(
      'ProviderWaitError',
      `the provider rate-limited this key until ${new Date(parkedUntil).toISOString()} (a daily quota?); run again after that`,
    );
    this.parkedUntil = parkedUntil;
  }
}
