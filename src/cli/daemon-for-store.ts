import { findDaemon } from '../daemon/find-daemon.ts';
import { createDaemonClient, type DaemonClient } from '../daemon-client/daemon-client.ts';
import type { CliIo } from './cli-io.ts';

/**
 * The daemon a command's work goes through: the one serving `storeDir`, when it runs in this
 * command's folder (same swarm.config.yaml, same relative paths) and SWARM_DAEMON is not `off`.
 * Without one the command runs in its own process.
 */
export function daemonForStore(io: CliIo, storeDir: string): DaemonClient | undefined {
  if (io.env.SWARM_DAEMON === 'off') return undefined;
  const daemon = findDaemon(storeDir);
  return daemon === undefined || daemon.cwd !== io.cwd ? undefined : createDaemonClient(daemon);
}
