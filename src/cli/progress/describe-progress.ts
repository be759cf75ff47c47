import { formatCost, formatCount, formatDuration } from '../../format/format-numbers.ts';
import type { ProgressSnapshot } from './progress-tracker.ts';

const separator = ' · ';

/**
 * One line describing a pass's progress, for logs and for the terminal bar. Within `width`
 * characters, the least useful parts are left out first (the counts of this run and what is
 * failing stay longest).
 */
export function describeProgress(snapshot: ProgressSnapshot, { width = Number.POSITIVE_INFINITY, elapsed = false }: { width?: number; elapsed?: boolean } = {}): string {
  const rate = snapshot.rowsPerSecond >= 100 ? Math.round(snapshot.rowsPerSecond) : snapshot.rowsPerSecond.toFixed(1);
  const parked = snapshot.parkedUntil !== undefined && snapshot.parkedUntil > Date.now();
  // [text, priority]: in display order; the highest priority number goes first when space is short.
  const parts: Array<[string | undefined, number]> = [
    [`${snapshot.done}/${snapshot.total} done`, 0],
    [snapshot.alreadyDone > 0 ? `${formatCount(snapshot.alreadyDone)} already done` : undefined, 2],
    [`${snapshot.failed} failed`, 1],
    [elapsed ? formatDuration(snapshot.elapsedSeconds) : undefined, 3],
    [`ETA ${formatDuration(snapshot.etaSeconds)}`, 2],
    [`${rate} rows/s`, 6],
    [`${snapshot.inFlight} in flight`, 5],
    [snapshot.retryWaiting > 0 ? `${snapshot.retryWaiting} waiting to retry` : undefined, 4],
    [snapshot.retries > 0 ? `${snapshot.retries} ${snapshot.retries === 1 ? 'retry' : 'retries'}` : undefined, 9],
    [snapshot.commands ? undefined : `${formatCount(snapshot.inputTokens + snapshot.outputTokens)} tokens`, 8],
    [snapshot.commands ? undefined : formatCost(snapshot.cost), 7],
    [
      snapshot.concurrency === undefined
        ? undefined
        : `concurrency ${snapshot.concurrency} (${snapshot.limitSource === undefined || snapshot.limitSource === 'none' ? 'no known' : snapshot.limitSource} limits)`,
      11,
    ],
    [snapshot.rateLimits === 0 ? undefined : `${snapshot.rateLimits} rate-limited`, 10],
    [snapshot.waitingForLimit === undefined || snapshot.waitingForLimit === 0 ? undefined : `${snapshot.waitingForLimit} waiting for the rate limit`, 5],
    [parked ? `parked until ${new Date(snapshot.parkedUntil!).toISOString().slice(11, 19)}` : undefined, 4],
  ];
  const shown = parts.filter((part): part is [string, number] => part[0] !== undefined);
  let line = shown.map(([text]) => text).join(separator);
  while (line.length > width && shown.length > 1) {
    const least = shown.reduce((worst, part, index) => (part[1] > shown[worst]![1] ? index : worst), 0);
    shown.splice(least, 1);
    line = shown.map(([text]) => text).join(separator);
  }
  return line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
}
