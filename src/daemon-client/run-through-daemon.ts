import type { RunView } from '../runs/run-view.ts';
import type { DaemonClient } from './daemon-client.ts';
import { followRun, type RunFollower } from './follow-run.ts';

/**
 * Starts a run in the daemon with `POST path` (a route answering 202 `{ run }`: a pass, a plan,
 * research) and follows it to its end: its events go to `follower`, its result is returned as if
 * it had run here, its failure thrown as the daemon raised it. `abortSignal` cancels it there.
 */
export async function runThroughDaemon(
  client: DaemonClient,
  path: string,
  request: unknown,
  follower: RunFollower,
  { abortSignal, what }: { abortSignal?: AbortSignal; what: string },
): Promise<unknown> {
  const response = await client.request('POST', path, { json: request });
  const { run } = (await response.json()) as { run: RunView };
  return followRun(client, run.id, follower, { abortSignal, what });
}
