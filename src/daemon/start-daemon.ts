import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { SwarmError } from '../errors/swarm-error.ts';
import { readDaemonFile, type DaemonInfo } from './daemon-file.ts';
import { daemonLogPath, daemonLogTail, rotateDaemonLog } from './daemon-log.ts';
import { findDaemon } from './find-daemon.ts';

const swarmBin = fileURLToPath(new URL('../../bin/swarm.ts', import.meta.url));
const pollMs = 50;

/** Options of `startDaemon`. */
export interface StartDaemonOptions {
  dir: string;
  cwd: string;
  env: Record<string, string | undefined>;
  port: number;
  maxBodyBytes?: number;
  /** How long to wait for its health check. Default 15000. */
  readyTimeoutMs?: number;
}

/**
 * Starts the daemon of the store in `dir` as a background process (its output going to the
 * store's daemon.log) and resolves once it answers its health check. A daemon already running
 * for the store is an error naming it; one that exits before it is ready is an error quoting the
 * end of its log.
 */
export async function startDaemon({ dir, cwd, env, port, maxBodyBytes, readyTimeoutMs = 15_000 }: StartDaemonOptions): Promise<DaemonInfo> {
  const running = findDaemon(dir);
  if (running !== undefined) throw new InvalidInputError(`a daemon already serves ${dir} (pid ${running.pid}, port ${running.port}); swarm restart restarts it`);
  mkdirSync(dir, { recursive: true });
  rotateDaemonLog(dir);
  const log = openSync(daemonLogPath(dir), 'a', 0o600);
  const args = [swarmBin, '--dir', dir, 'start', '--foreground', '--port', String(port), ...(maxBodyBytes === undefined ? [] : ['--max-body-bytes', String(maxBodyBytes)])];
  const child = spawn(process.execPath, args, { cwd, env, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  let exit: number | null | undefined;
  child.once('exit', (code) => (exit = code));
  const deadline = Date.now() + readyTimeoutMs;
  try {
    for (;;) {
      if (exit !== undefined) {
        const tail = daemonLogTail(dir, 5).join('\n');
        // The daemon exits 2 for what the user can fix (a port in use, a bad config).
        if (exit === 2) throw new InvalidInputError(`the daemon did not start:\n${tail}`);
        throw new SwarmError('DaemonStartError', `the daemon exited (code ${exit}) before it was ready; the end of ${daemonLogPath(dir)}:\n${tail}`);
      }
      const info = readDaemonFile(dir);
      if (info !== undefined && info.pid === child.pid && (await answersHealth(info.port))) return info;
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new SwarmError('DaemonStartError', `the daemon did not answer its health check within ${readyTimeoutMs} ms; see ${daemonLogPath(dir)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    child.unref();
  }
}

/** Whether a Swarm daemon answers `GET /health` on `port`. */
async function answersHealth(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok && ((await response.json()) as { service?: string }).service === 'swarm';
  } catch {
    return false;
  }
}
