import { Command } from 'commander';
import { daemonLogPath } from '../../daemon/daemon-log.ts';
import type { DaemonStatus } from '../../daemon/daemon-status.ts';
import { findDaemon } from '../../daemon/find-daemon.ts';
import { createDaemonClient } from '../../daemon-client/daemon-client.ts';
import { formatCost, formatDuration } from '../../format/format-numbers.ts';
import type { RunView } from '../../runs/run-view.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { cliStoreDir } from '../open-cli-store.ts';
import type { DistributedStatus } from '../../distributed/status/read-distributed-status.ts';
import { describeDistributedStatus } from '../describe-distributed-status.ts';
import { configuredRedis } from '../redis-url-of.ts';

/**
 * `swarm status`: whether the store's daemon runs, and what it is doing; with a Redis given
 * (`--redis`, `SWARM_REDIS_URL`, `redis:` in the config), also the distributed workers, their
 * queue and the limits they share (what `swarm workers` shows).
 */
export function statusCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('status')
    .description(
      "whether the store's daemon runs, and its runs under way, calls in flight, each rate limiter (learned limits, parks) and today's spend against the daily cap; with Redis given, also the distributed workers and their shared limits",
    )
    .option('--redis <url>', 'also show the workers of distributed runs on this Redis (default: $SWARM_REDIS_URL, else redis: in swarm.config.yaml; none: not shown)')
    .option('--json', 'print the status as JSON ({ "running": false } without a daemon; "distributed" with Redis)')
    .addHelpText('after', '\nExamples:\n  swarm status\n  swarm status --json\n  swarm status --redis redis://10.0.0.5:6379\n')
    .action(async (flags: { json?: boolean; redis?: string }, command: Command) => {
      const dir = cliStoreDir(io, command);
      const daemon = findDaemon(dir);
      const distributed = await distributedStatusOf(io, flags.redis);
      const distributedJson = distributed === undefined ? {} : { distributed: distributed.status ?? { error: distributed.text } };
      const distributedText = distributed === undefined ? '' : `${distributed.text}\n`;
      if (daemon === undefined) {
        io.stdout.write(
          flags.json ? `${JSON.stringify({ running: false, store: dir, ...distributedJson })}\n` : `No daemon runs for ${dir} (swarm start starts one).\n${distributedText}`,
        );
        setExitCode(exitCodes.ok);
        return;
      }
      const status = (await (await createDaemonClient(daemon).request('GET', '/status')).json()) as DaemonStatus;
      io.stdout.write(
        flags.json ? `${JSON.stringify({ running: true, ...status, ...distributedJson })}\n` : `${describeStatus(status, daemonLogPath(dir))}${distributedText}`,
      );
      setExitCode(exitCodes.ok);
    });
}

/** The distributed part of the status, when a Redis is given: the status, or why it could not be read. */
async function distributedStatusOf(io: CliIo, flag: string | undefined): Promise<{ status?: DistributedStatus; text: string } | undefined> {
  const redis = configuredRedis(io, flag);
  if (redis === undefined) return undefined;
  // Loaded here, not with the CLI: BullMQ and ioredis are for distributed runs only.
  const { readDistributedStatus } = await import('../../distributed/index.ts');
  const { redactedUrl } = await import('../../distributed/open-redis.ts');
  const where = `${redactedUrl(redis.url)}, prefix ${redis.prefix}`;
  try {
    const status = await readDistributedStatus({ redis: redis.url, prefix: redis.prefix });
    return { status, text: `Distributed: ${describeDistributedStatus(status, { where })}` };
  } catch (error) {
    return { text: `Distributed: ${(error as Error).message}` };
  }
}

function describeStatus(status: DaemonStatus, log: string): string {
  const uptime = formatDuration((Date.now() - Date.parse(status.started)) / 1000);
  const lines = [
    `Swarm daemon running: pid ${status.pid}, http://127.0.0.1:${status.port}, up ${uptime} (Swarm ${status.version})`,
    `  store      ${status.store}`,
    `  log        ${log}`,
    `  runs       ${status.runs.length === 0 ? 'none under way' : status.runs.map(describeRun).join('; ')}`,
    `  calls      ${status.callsInFlight} in flight, ${status.callsWaiting} waiting for a limiter`,
    `  spend      ${formatCost(status.spend.today)} today (UTC)${status.spend.maxDailyCost === undefined ? ', no daily cap' : ` of the ${formatCost(status.spend.maxDailyCost)} daily cap`}`,
  ];
  if (status.limiters.length === 0) lines.push('  limiters   none yet (one per provider key and model, made by the first call)');
  for (const limiter of status.limiters) {
    const limits = Object.entries(limiter.limits).map(([name, value]) => `${name} ${value}`).join(', ') || 'none known';
    const parked = limiter.parkedUntil !== undefined && limiter.parkedUntil > Date.now() ? `, parked until ${new Date(limiter.parkedUntil).toISOString()}` : '';
    lines.push(`  limiter    ${limiter.key}: limits ${limits} (${limiter.source}), concurrency ${limiter.concurrency}, ${limiter.inFlight} in flight, ${limiter.waiting} waiting${parked}`);
  }
  return `${lines.join('\n')}\n`;
}

function describeRun(run: RunView): string {
  const progress = run.progress === undefined ? '' : ` ${run.progress.done + run.progress.failed}/${run.progress.total}${run.progress.failed > 0 ? ` (${run.progress.failed} failed)` : ''}`;
  return `${run.id} ${run.kind}${progress}`;
}
