import cliProgress from 'cli-progress';
import type { EventBus } from '../../events/event-bus.ts';
import type { LimiterSnapshot } from '../../limit/key-limiter.ts';
import { describeProgress } from './describe-progress.ts';
import { formatDuration } from '../../format/format-numbers.ts';
import { createProgressTracker, type ProgressSnapshot } from './progress-tracker.ts';

/** A pass's progress on the terminal (or in a log), from its start to the summary. */
export interface ProgressDisplay {
  /** The counts now (also while nothing is drawn, as with `--quiet`). */
  snapshot(): ProgressSnapshot;
  /** Stops drawing, leaving the last state on screen, then prints `message` on a line of its own. */
  interrupt(message: string): void;
  /** Stops drawing, leaving the last state on screen; what is written next starts on a fresh line. */
  stop(): void;
}

/** Where the display reads a key's limiter state: the process's registry, or what a daemon reports. */
export interface LimiterView {
  find(key: string): { snapshot(): LimiterSnapshot } | undefined;
}

// Terminal columns the bar itself takes, by terminal width; a narrow terminal gets counts only.
const barColumns = (columns: number) => (columns >= 100 ? 24 : columns >= 60 ? 12 : 0);

/**
 * Shows a pass's progress on `stream` from the moment the pass starts (a run refused before it
 * starts draws nothing): a live bar fitted to the terminal's width on a terminal, a plain line
 * every `intervalMs` otherwise, nothing with `quiet`.
 */
export function showProgress(
  events: EventBus,
  stream: NodeJS.WriteStream,
  { intervalMs = 2000, limiters, quiet = false }: { intervalMs?: number; limiters?: LimiterView; quiet?: boolean } = {},
): ProgressDisplay {
  const progress = createProgressTracker();
  // Adds the limiter's view (concurrency, limit source, parked deadline) to each snapshot.
  const snapshot = () => {
    const limiterKey = progress.limiterKey();
    const limiter = limiterKey === undefined ? undefined : limiters?.find(limiterKey)?.snapshot();
    const current = progress.snapshot(limiter?.limits);
    if (limiter !== undefined) {
      current.concurrency = limiter.concurrency;
      current.limitSource = limiter.source;
      current.parkedUntil = limiter.parkedUntil;
      // Calls queued while slots are free wait for room under a limit, or for a park to end.
      current.waitingForLimit = limiter.inFlight < limiter.concurrency ? limiter.waiting : 0;
    }
    return current;
  };
  let draw: { stop(): void } | undefined;
  let finished = false;
  const unsubscribe = events.subscribe((event) => {
    progress.handle(event);
    if (event.type === 'pass-start' && draw === undefined && !finished && !quiet) draw = stream.isTTY ? drawBar(stream, snapshot) : drawLines(stream, snapshot, intervalMs);
  });
  const stop = () => {
    if (finished) return;
    finished = true;
    draw?.stop();
    unsubscribe();
  };
  return {
    snapshot,
    interrupt(message) {
      stop();
      stream.write(`${message}\n`);
    },
    stop,
  };
}

function drawBar(stream: NodeJS.WriteStream, snapshot: () => ProgressSnapshot): { stop(): void } {
  const columns = stream.columns || 80;
  const barsize = barColumns(columns);
  const bar = new cliProgress.SingleBar(
    { stream, format: barsize === 0 ? '{progress}' : '{bar} {progress}', barsize, hideCursor: true, clearOnComplete: false, fps: 8 },
    cliProgress.Presets.shades_classic,
  );
  const update = () => {
    const current = snapshot();
    // The width of now: the terminal may have been resized. The last column stays free, as some
    // terminals wrap a line that fills it.
    const width = (stream.columns || 80) - 1 - (barsize === 0 ? 0 : barsize + 1);
    bar.setTotal(Math.max(1, current.total));
    bar.update(current.done + current.failed, { progress: describeProgress(current, { width, elapsed: true }) });
  };
  bar.start(1, 0, { progress: '' });
  update();
  const timer = setInterval(update, 125);
  return {
    stop() {
      clearInterval(timer);
      update();
      bar.stop();
    },
  };
}

function drawLines(stream: NodeJS.WriteStream, snapshot: () => ProgressSnapshot, intervalMs: number): { stop(): void } {
  const timer = setInterval(() => {
    const current = snapshot();
    stream.write(`[${formatDuration(current.elapsedSeconds)}] ${describeProgress(current)}\n`);
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
