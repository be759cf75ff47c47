import { formatCost, formatCount, formatDuration } from '../../format/format-numbers.ts';
import type { ProgressSnapshot } from './progress-tracker.ts';

/** One line describing a pass's progress, for logs and for the terminal bar. */
export function describeProgress(snapshot: ProgressSnapshot): string {
  const rate = snapshot.rowsPerSecond >= 100 ? Math.round(snapshot.rowsPerSecond) : snapshot.rowsPerSecond.toFixed(1);
  return [
    `${snapshot.done}/${snapshot.total} done`,
    `${snapshot.failed} failed`,
    `${rate} rows/s`,
    `ETA ${formatDuration(snapshot.etaSeconds)}`,
    `${snapshot.inFlight} in flight`,
    `${formatCount(snapshot.inputTokens + snapshot.outputTokens)} tokens`,
    formatCost(snapshot.cost),
    ...(snapshot.concurrency === undefined ? [] : [`concurrency ${snapshot.concurrency} (${snapshot.limitSource === undefined || snapshot.limitSource === 'none' ? 'no known' : snapshot.limitSource} limits)`]),
    ...(snapshot.rateLimits === 0 ? [] : [`${snapshot.rateLimits} rate-limited`]),
    ...(snapshot.waitingForLimit === undefined || snapshot.waitingForLimit === 0 ? [] : [`${snapshot.waitingForLimit} waiting for the rate limit`]),
    ...(snapshot.parkedUntil === undefined || snapshot.parkedUntil <= Date.now()
      ? []
      : [`parked until ${new Date(snapshot.parkedUntil).toISOString().slice(11, 19)}`]),
  ].join(' · ');
}
