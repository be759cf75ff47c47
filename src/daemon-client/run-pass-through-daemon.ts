import type { PassResult } from '../pass/pass-result.ts';
import type { RunOptions } from '../pass/run-options.ts';
import type { DaemonClient } from './daemon-client.ts';
import type { RunFollower } from './follow-run.ts';
import { runThroughDaemon } from './run-through-daemon.ts';

/**
 * `run(tableId, options)` done by the daemon: the pass starts there (under its limiters, shared
 * with every other command), its events come back to `follower`, and its result is returned as
 * if it had run here. `options` must be JSON (a model spec, not a model instance; no worker).
 */
export async function runPassThroughDaemon(
  client: DaemonClient,
  tableId: string,
  options: RunOptions,
  follower: RunFollower,
  { abortSignal }: { abortSignal?: AbortSignal } = {},
): Promise<PassResult> {
  const { abortSignal: _, ...json } = options;
  return (await runThroughDaemon(client, `/tables/${encodeURIComponent(tableId)}/passes`, json, follower, { abortSignal, what: `the pass over ${tableId}` })) as PassResult;
}
