import type { PassResult } from '../pass/pass-result.ts';
import type { RunOptions } from '../pass/run-options.ts';
import type { RunView } from '../runs/run-view.ts';
import type { DaemonClient } from './daemon-client.ts';
import { followRun, type RunFollower } from './follow-run.ts';

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
  const response = await client.request('POST', `/tables/${encodeURIComponent(tableId)}/passes`, { json });
  const { run } = (await response.json()) as { run: RunView };
  return (await followRun(client, run.id, follower, { abortSignal, what: `the pass over ${tableId}` })) as PassResult;
}
