import { formatDuration } from '../format/format-numbers.ts';
import { SwarmError } from '../errors/swarm-error.ts';
import { longestProviderWaitMs } from './longest-provider-wait.ts';

/** Why a pass does not wait for a provider's deadline: it is hours away, like a used-up daily quota. */
export function providerHoldMessage(parkedUntil: number, now = Date.now()): string {
  return (
    `the provider refuses calls on this key until ${new Date(parkedUntil).toISOString()} (in ${formatDuration((parkedUntil - now) / 1000)}), ` +
    `longer than a pass waits (${formatDuration(longestProviderWaitMs / 1000)}): a daily quota used up, most likely; run again after that to resume`
  );
}

/** The provider holds this key until a deadline too far away to wait for; raised before any call. */
export class ProviderWaitError extends SwarmError {
  readonly parkedUntil: number;

  constructor(parkedUntil: number) {
    super('ProviderWaitError', providerHoldMessage(parkedUntil));
    this.parkedUntil = parkedUntil;
  }

  static override isInstance(error: unknown): error is ProviderWaitError {
    return SwarmError.isInstance(error) && error.name === 'ProviderWaitError';
  }
}
