import type { ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import type { RunManager } from '../runs/run-manager.ts';

// Progress notifications at most this often (the last one, at the run's end, always goes).
const minimumIntervalMs = 250;

/**
 * Sends `notifications/progress` for a run until it ends: rows (or prompts) settled of the total,
 * and a line saying so. A long pass never hits a client's request timeout for want of them.
 */
export async function reportProgress(
  runs: RunManager,
  runId: string,
  { progressToken, send, signal }: { progressToken: string | number; send: (notification: ServerNotification) => Promise<void>; signal: AbortSignal },
): Promise<void> {
  let sentAt = 0;
  let sent = -1;
  try {
    for await (const { event } of runs.events(runId, { signal })) {
      if (event.type !== 'pass-start' && event.type !== 'row-end' && event.type !== 'run-end') continue;
      const now = performance.now();
      if (event.type !== 'run-end' && now - sentAt < minimumIntervalMs) continue;
      const progress = runs.get(runId).progress;
      const total = progress?.total;
      const settled = event.type === 'run-end' ? Math.max(sent, total ?? sent) : (progress?.done ?? 0) + (progress?.failed ?? 0);
      // Progress only ever goes up.
      if (settled <= sent && event.type !== 'run-end') continue;
      sent = Math.max(sent, settled);
      sentAt = now;
      const message = event.type === 'run-end' ? `run ${event.status}` : `${sent}/${total ?? '?'} rows${progress?.failed ? ` (${progress.failed} failed)` : ''}`;
      await send({ method: 'notifications/progress', params: { progressToken, progress: Math.max(sent, 0), ...(total === undefined ? {} : { total }), message } });
    }
  } catch {
    // The client went away: nobody is left to tell.
  }
}
