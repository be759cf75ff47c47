import { internalErrorName, type WireError } from '../wire-error/wire-error.ts';

// SwarmError names and the status each answers with; any other SwarmError is the client's to fix (400).
const statusByName: Record<string, number> = {
  NotFoundError: 404,
  PassBusyError: 409,
  PlanBusyError: 409,
  ProviderWaitError: 503,
  RunsStoppingError: 503,
  StoreVersionError: 500,
  StoreCorruptError: 500,
  [internalErrorName]: 500,
};

/** The HTTP status a wire error is answered with. */
export function errorStatus(error: WireError): number {
  return statusByName[error.name] ?? 400;
}
