import type { SimulatedError } from '../simulated-error.ts';
import type { LimitDisclosure } from './limit-disclosure.ts';

/** `error` as a server with `disclosure` sends it: its rate limits without their numbers unless `full`; other errors as they are. */
export function disclosedError(error: SimulatedError, disclosure: LimitDisclosure): SimulatedError {
  if (disclosure === 'full') return error;
  if (error.kind === 'rate-limit') {
    const keepWait = disclosure === 'retry-after' && Number.isFinite(error.retryAfterMs);
    return { kind: 'undisclosed-rate-limit', retryAfterMs: keepWait ? error.retryAfterMs : undefined, tooLarge: false };
  }
  if (error.kind === 'request-too-large') return { kind: 'undisclosed-rate-limit', retryAfterMs: undefined, tooLarge: true };
  return error;
}
