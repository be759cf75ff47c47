import { SwarmError } from '../errors/swarm-error.ts';

/** An error as it crosses a wire (HTTP, MCP, a stored run): its stable name and a message, never a stack. */
export interface WireError {
  /** A SwarmError's name (`InvalidInputError`, `NotFoundError`, …), or `InternalError` for anything else. */
  name: string;
  message: string;
}

/** The name wire errors give every failure Swarm did not raise on purpose (a bug, a dependency). */
export const internalErrorName = 'InternalError';

/** An error in its wire form, with `redact` applied to the message (API keys out). */
export function toWireError(error: unknown, redact: (text: string) => string): WireError {
  if (SwarmError.isInstance(error)) return { name: error.name, message: redact(error.message) };
  return { name: internalErrorName, message: redact(error instanceof Error ? error.message : String(error)) };
}

/**
 * An error received over the wire, as this process raises it: a SwarmError of the same name (so
 * `ProviderWaitError.isInstance` and exit codes see what the sender saw), or a plain Error for an
 * internal one.
 */
export function fromWireError(error: WireError): Error {
  return error.name === internalErrorName ? new Error(error.message) : new SwarmError(error.name, error.message);
}
