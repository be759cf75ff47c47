import cliProgress from 'cli-progress';
import type { EventBus } from '../../events/event-bus.ts';
import type { LimiterRegistry } from '../../limit/limiter-registry.ts';
import { describeProgress } from './describe-progress.ts';
import { formatDuration } from '../../format/format-numbers.ts';
import { createProgressTracker } from './progress-tracker.ts';

/**
 * Shows a pass's progress on `stream`: a live bar on a terminal, a plain line every
 * `intervalMs` otherwise. Returns a function that stops it and prints nothing more.
 */
export function showProgress(
  events: EventBus,
  stream: NodeJS.WriteStream,
  { intervalMs = 2000, limiters }: { intervalMs?: number; limiters?: LimiterRegistry } = {},
): () => void {
  const progress = createProgressTracker();
  // Adds the limiter's view (concurrency, limit source, parked deadline) to each snapshot.
  const tracker = {
    handle: progress.handle,
    snapshot() {
      const limiterKey = progress.limiterKey();
      const limiter = limiterKey === undefined ? undefined : limiters?.find(limiterKey)?.snapshot();
      const snapshot = progress.snapshot(limiter?.limits);
      if (limiter !== undefined) {
        snapshot.concurrency = limiter.concurrency;
        snapshot.limitSource = limiter.source;
        snapshot.parkedUntil = limiter.parkedUntil;
        // Calls queued while slots are free wait for room under a limit, or for a park to end.
        snapshot.waitingForLimit = limiter.inFlight < limiter.concurrency ? limiter.waiting : 0;
      }
      return snapshot;
    },
  };
  const unsubscribe = events.subscribe((event) => tracker.handle(event));
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: '{bar} {progress}', barsize: 24, hideCursor: true, clearOnComplete: false, fps: 8 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1, 0, { progress: '' });
    const timer = setInterval(() => {
      const snapshot = tracker.snapshot();
      bar.setTotal(Math.max(1, snapshot.total));
      bar.update(snapshot.done + snapshot.failed, { progress: describeProgress(snapshot) });
    }, 125);
    return () => {
      clearInterval(timer);
      const snapshot = tracker.snapshot();
      bar.setTotal(Math.max(1, snapshot.total));
      bar.update(snapshot.done + snapshot.failed, { progress: describeProgress(snapshot) });
      bar.stop();
      unsubscribe();
    };
  }
  const timer = setInterval(() => {
    const snapshot = tracker.snapshot();
    stream.write(`[${formatDuration(snapshot.elapsedSeconds)}] ${describeProgress(snapshot)}\n`);
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
