import type { SwarmContext } from '../context/swarm-context.ts';
import type { RunEvent } from './run-event.ts';

/** What a run of any kind is given besides its request. */
export interface RunControls {
  id: string;
  /** Aborted when the run is cancelled or its process stops. */
  abortSignal: AbortSignal;
  /** Adds one of the kind's own events (not the engine's: those go to `context.events`) to the run's stream. */
  emit(event: RunEvent): void;
}

/**
 * A kind of work a daemon or MCP server runs: a pass, a prompt fan-out, a plan. One entry each in
 * the list given to `createRunManager`; the HTTP routes and MCP tools start runs by kind name.
 */
export interface RunKind<Request = unknown, Result = unknown> {
  /** Stored with each run: `pass`, `parallel`, … */
  name: string;
  /** Checks a request from the wire, or a stored one being resumed; throws InvalidInputError. */
  parse(value: unknown): Request;
  /** Does the work on a context whose event bus is the run's own. Resuming a run calls it again with the same id and request. */
  execute(context: SwarmContext, request: Request, run: RunControls): Promise<Result>;
}
