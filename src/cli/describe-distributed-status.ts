import type { DistributedStatus } from '../distributed/status/read-distributed-status.ts';
import { formatCount, formatDuration } from '../format/format-numbers.ts';
import { plural } from '../format/plural.ts';
import { limitLabels } from '../limit/limit-labels.ts';

/** The status as `swarm workers` prints it: one line per worker, the queue, one line per shared limit. */
export function describeDistributedStatus(status: DistributedStatus, { where, now = Date.now() }: { where: string; now?: number }): string {
  const connected = status.workers.filter((worker) => !worker.silent);
  const lines = [`${plural(connected.length, 'worker')} connected (${where})`];
  for (const worker of status.workers) {
    if (worker.silent) {
      lines.push(`  ${worker.id}  silent for ${formatDuration((now - worker.seenAt) / 1000)}: stopped or cut off (its dispatches are taken over once their locks lapse)`);
      continue;
    }
    const passes = Object.entries(worker.passes).map(([passId, jobs]) => `${passId} ${jobs}`);
    lines.push(
      `  ${worker.id}  ${worker.active} of ${worker.concurrency} under way${passes.length === 0 ? '' : ` (${passes.join(', ')})`}` +
        `  ${formatCount(worker.jobs)} dispatches (${formatCount(worker.rows)} rows) answered  up ${formatDuration((now - worker.startedAt) / 1000)}`,
    );
  }
  const { queue } = status;
  lines.push(`Queue: ${queue.waiting} waiting, ${queue.active} under way, ${queue.delayed} delayed, ${queue.failed} failed`);
  if (status.limiters.length === 0) lines.push('Shared limits: none yet (a key gets one with its first call)');
  else lines.push('Shared limits (one per provider key and model, every worker drawing from it):');
  for (const limiter of status.limiters) {
    const limits = limitLabels.filter(([name]) => limiter.limits[name] !== undefined).map(([name, label]) => `${formatCount(limiter.limits[name]!)} ${label}`);
    const parts = [
      limits.length === 0 ? 'no limit known' : `${limits.join(', ')} (${limiter.source === 'header' ? 'from headers' : limiter.source})`,
      limiter.pacedPerMinute === undefined ? undefined : `paced at ${formatCount(limiter.pacedPerMinute)}/min`,
      `${limiter.inFlight} in flight of ${limiter.concurrency}`,
      plural(limiter.processes, 'process'),
      limiter.parkedUntil === undefined ? undefined : `parked for ${formatDuration((limiter.parkedUntil - now) / 1000)}`,
    ].filter((part) => part !== undefined);
    lines.push(`  ${limiter.key}  ${parts.join('  ')}`);
  }
  return lines.join('\n');
}
