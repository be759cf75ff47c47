import type { EventBus } from '../events/event-bus.ts';
import type { SwarmEvent } from '../events/swarm-event.ts';
import type { LimiterSnapshot } from '../limit/key-limiter.ts';
import type { RunEvent } from '../runs/run-event.ts';
import { fromWireError } from '../wire-error/wire-error.ts';
import type { DaemonClient } from './daemon-client.ts';
import { DaemonStoppedError } from './daemon-stopped-error.ts';
import { readNdjson } from './read-ndjson.ts';
import { untilDisconnected } from './until-disconnected.ts';

// Events of a run's stream that are the daemon's own, not the engine's.
const runOnly = new Set(['run-start', 'run-end', 'prompt-end', 'limiter-sample']);

/** Where a command following a run puts what the daemon streams. */
export interface RunFollower {
  /** The engine's events, re-emitted as if the run were in this process (progress display). */
  events: EventBus;
  /** The latest state of each limiter the run uses. */
  limiters: Map<string, LimiterSnapshot>;
  /** Each of the run's own events (a fan-out's `prompt-end`). */
  onRunEvent?(event: RunEvent): void;
}

/**
 * Follows a daemon's run to its end: its engine events go to `follower.events`; resolves with its
 * result, or throws the error it failed with (as the daemon raised it). `abortSignal` cancels the
 * run in the daemon and keeps reading to its end, as an in-process run aborted would.
 */
export async function followRun(client: DaemonClient, runId: string, follower: RunFollower, { abortSignal, what }: { abortSignal?: AbortSignal; what: string }): Promise<unknown> {
  const cancel = () => void client.request('POST', `/runs/${runId}/cancel`).catch(() => {});
  if (abortSignal?.aborted) cancel();
  abortSignal?.addEventListener('abort', cancel, { once: true });
  try {
    const response = await client.request('GET', `/runs/${runId}/events`);
    for await (const line of readNdjson(untilDisconnected(response.body, what))) {
      const { id: _, ...event } = line as { id: number } & RunEvent;
      if (!runOnly.has(event.type)) {
        follower.events.emit(event as SwarmEvent);
        continue;
      }
      const runEvent = event as RunEvent;
      follower.onRunEvent?.(runEvent);
      if (runEvent.type === 'limiter-sample') follower.limiters.set(runEvent.limiterKey, runEvent.limiter);
      if (runEvent.type === 'run-end') {
        if (runEvent.error !== undefined) throw fromWireError(runEvent.error);
        return runEvent.result;
      }
    }
    throw new DaemonStoppedError(what);
  } finally {
    abortSignal?.removeEventListener('abort', cancel);
  }
}
