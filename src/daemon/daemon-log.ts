import { readFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

// Past this size the log is moved to daemon.log.1 when a daemon starts.
const rotateBytes = 10 * 1024 * 1024;

/** The daemon's log file in a store folder. */
export function daemonLogPath(storeDir: string): string {
  return path.join(storeDir, 'daemon.log');
}

/** Moves a log grown past 10 MB aside (to daemon.log.1, replacing the one before). */
export function rotateDaemonLog(storeDir: string): void {
  const file = daemonLogPath(storeDir);
  if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > rotateBytes) renameSync(file, `${file}.1`);
}

/** The last `count` lines of the daemon's log; empty when there is no log. */
export function daemonLogTail(storeDir: string, count: number): string[] {
  let text: string;
  try {
    text = readFileSync(daemonLogPath(storeDir), 'utf8');
  } catch {
    return [];
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return count === 0 ? [] : lines.slice(-count);
}
