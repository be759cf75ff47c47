import { isProcessAlive } from '../store/operations/process-alive.ts';
import { readDaemonFile, type DaemonInfo } from './daemon-file.ts';

/**
 * The daemon serving the store in `storeDir`, if one runs: its daemon file names a live process.
 * A file left by a daemon that was killed (`kill -9`) names a dead one, and is ignored.
 */
export function findDaemon(storeDir: string): DaemonInfo | undefined {
  const info = readDaemonFile(storeDir);
  if (info === undefined || info.pid === process.pid) return undefined;
  return isProcessAlive(info.pid) ? info : undefined;
}
