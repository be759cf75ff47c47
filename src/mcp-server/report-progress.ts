import type { ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import type { RunManager } from '../runs/run-manager.ts';
import { progressUnit, trackProgress, type RunProgress } from '../runs/run-progress.ts';

// The events that move a run's progress: a pass's rows, a plan's tasks.
const reported = new Set(['pass-start', 'row-end', 'pass-end', 'plan-start', 'task-end', 'plan-end']);

// Progress notifications at most this often while rows end; a pass's end is always told.
const minimumIntervalMs = 250;

/**
 * Sends `notifications/progress` for a run until it ends: rows (or a plan's tasks) settled of the total,
 * and a line saying so. A long pass never hits a client's request timeout for want of them; the
 * last one goes at the pass's end, before the run's result is there for the client to fetch.
 */
export async function reportProgress(
  runs: RunManager,
  runId: string,
  { progressToken, send, signal = new AbortController().signal }: { progressToken: string | number; send: (notification: ServerNotification) => Promise<void>; signal?: AbortSignal },
): Promise<void> {
  const progress: RunProgress = { total: 0, done: 0, failed: 0 };
  let sentAt = 0;
  let sent = -1;
  try {
    for await (const { event } of runs.events(runId, { signal })) {
      trackProgress(progress, event);
      if (!reported.has(event.type)) continue;
      const now = performance.now();
      const settled = progress.done + progress.failed;
      if (event.type === 'row-end' && now - sentAt < minimumIntervalMs) continue;
      // Progress only ever goes up (the first says the total).
      if (settled <= sent) continue;
      sent = settled;
      sentAt = now;
      const failed = progress.failed > 0 ? ` (${progress.failed} failed)` : '';
      await send({ method: 'notifications/progress', params: { progressToken, progress: settled, total: progress.total, message: `${settled}/${progress.total} ${progressUnit(progress)}${failed}` } });
    }
  } catch {
    // The client went away: nobody is left to tell.
  }
}
