import type { RunStatus } from '../store/operations/runs.ts';
import type { WireError } from '../wire-error/wire-error.ts';
import type { RunProgress } from './run-progress.ts';

/** A run as the HTTP API and the MCP server show it. */
export interface RunView {
  id: string;
  kind: string;
  status: RunStatus;
  createdAt: number;
  updatedAt: number;
  /** While it runs in this process: how far it has got. */
  progress?: RunProgress;
  /** Once it ended: what it returned (a pass's result, a fan-out's results). */
  result?: unknown;
  /** Once it failed: why. */
  error?: WireError;
}
