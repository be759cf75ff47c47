import type { ParallelRequest } from '../api-requests/parallel-request-schema.ts';
import type { ParallelResult, ParallelStats } from '../parallel/parallel-result.ts';
import type { PromptResult } from '../parallel/prompt-result.ts';
import { fromWireError, type WireError } from '../wire-error/wire-error.ts';
import type { DaemonClient } from './daemon-client.ts';
import { DaemonStoppedError } from './daemon-stopped-error.ts';
import { followRun, type RunFollower } from './follow-run.ts';
import { readNdjson } from './read-ndjson.ts';
import { untilDisconnected } from './until-disconnected.ts';

/**
 * `parallel(prompts, options)` done by the daemon through `POST /parallel`: each prompt's line is
 * handed to `onResult` as it comes, the run's engine events go to `follower` (progress), and the
 * results are returned in order. `abortSignal` cancels the run; prompts not answered by then end
 * with the error class `stopped`.
 */
export async function parallelThroughDaemon(
  client: DaemonClient,
  request: ParallelRequest,
  follower: RunFollower,
  { onResult, abortSignal }: { onResult?: (result: PromptResult) => void; abortSignal?: AbortSignal } = {},
): Promise<ParallelResult> {
  const response = await client.request('POST', '/parallel', { json: request });
  const runId = response.headers.get('swarm-run-id') ?? '';
  // Progress comes from the run's events; its failure to follow never fails the fan-out.
  const following = followRun(client, runId, follower, { what: 'the prompts' }).catch(() => {});
  const cancel = () => void client.request('POST', `/runs/${runId}/cancel`).catch(() => {});
  if (abortSignal?.aborted) cancel();
  abortSignal?.addEventListener('abort', cancel, { once: true });
  const results: PromptResult[] = [];
  try {
    // The connection breaking is the daemon going away (a kill); its own errors come as lines.
    for await (const line of readNdjson(untilDisconnected(response.body, 'the prompts'))) {
      if (line.done === true) {
        if (line.error !== undefined) throw fromWireError(line.error as WireError);
        await following;
        results.sort((a, b) => a.index - b.index);
        return { results, stats: line.stats as ParallelStats };
      }
      const result = line as unknown as PromptResult;
      results.push(result);
      onResult?.(result);
    }
  } finally {
    abortSignal?.removeEventListener('abort', cancel);
  }
  throw new DaemonStoppedError('the prompts');
}
