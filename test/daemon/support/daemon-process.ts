import { onTestFinished } from 'vitest';
import { readDaemonFile, type DaemonInfo } from '../../../src/daemon/daemon-file.ts';
import { isProcessAlive } from '../../../src/store/operations/process-alive.ts';
import { runCli } from '../../support/run-cli.ts';
import path from 'node:path';

/** A daemon started with `swarm start` as a real background process, for one test. */
export interface DaemonProcess {
  info: DaemonInfo;
  /** fetch on its API with its token. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Runs `swarm start --port 0` in `cwd`; the daemon is stopped (by its pid) when the test ends. */
export async function startDaemonProcess(cwd: string, env: Record<string, string> = {}): Promise<DaemonProcess> {
  const started = await runCli(['start', '--port', '0', '--json'], { cwd, env });
  if (started.code !== 0) throw new Error(`swarm start failed (${started.code}): ${started.stderr}`);
  const info = readDaemonFile(path.join(cwd, '.swarm'))!;
  onTestFinished(() => endProcess(info.pid));
  return { info, call: (method, urlPath, body, headers) => call(info, method, urlPath, body, headers) };
}

/** A request to a daemon's API with its token. */
export function call(info: DaemonInfo, method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${info.port}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${info.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Ends process `pid` (SIGTERM, then SIGKILL after 10 s) and waits until it is gone. */
export async function endProcess(pid: number): Promise<void> {
  if (!isProcessAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until process `pid` is gone. */
export async function processGone(pid: number): Promise<void> {
  while (isProcessAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
}
