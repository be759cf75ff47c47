import { SwarmError } from '../errors/swarm-error.ts';
import { isProcessAlive } from '../store/operations/process-alive.ts';
import type { DaemonInfo } from './daemon-file.ts';

const pollMs = 50;

/**
 * Asks a daemon to stop (SIGTERM: it stops its runs, which resume on the next start, and exits)
 * and resolves once its process is gone; after `timeoutMs` it is an error saying how to end it.
 */
export async function stopDaemon(daemon: DaemonInfo, { timeoutMs = 20_000 }: { timeoutMs?: number } = {}): Promise<void> {
  try {
    process.kill(daemon.pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(daemon.pid)) {
    if (Date.now() > deadline) throw new SwarmError('DaemonStopError', `the daemon (pid ${daemon.pid}) did not stop within ${timeoutMs / 1000} s; end it with kill -9 ${daemon.pid} (its runs resume on the next start)`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
