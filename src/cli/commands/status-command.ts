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

/** `swarm status`: whether the store's daemon runs, and what it is doing. */
export function statusCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('status')
    .description("whether the store's daemon runs, and its runs under way, calls in flight, each rate limiter (learned limits, parks) and today's spend against the daily cap")
    .option('--json', 'print the status as JSON ({ "running": false } without a daemon)')
    .addHelpText('after', '\nExamples:\n  swarm status\n  swarm status --json\n')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const dir = cliStoreDir(io, command);
      const daemon = findDaemon(dir);
      if (daemon === undefined) {
        io.stdout.write(flags.json ? `${JSON.stringify({ running: false, store: dir })}\n` : `No daemon runs for ${dir} (swarm start starts one).\n`);
        setExitCode(exitCodes.ok);
        return;
      }
      const status = (await (await createDaemonClient(daemon).request('GET', '/status')).json()) as DaemonStatus;
      io.stdout.write(flags.json ? `${JSON.stringify({ running: true, ...status })}\n` : describeStatus(status, daemonLogPath(dir)));
      setExitCode(exitCodes.ok);
    });
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
