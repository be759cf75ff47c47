import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readDaemonFile, type DaemonInfo } from '../../src/daemon/daemon-file.ts';
import { isProcessAlive } from '../../src/store/operations/process-alive.ts';

const swarmBin = fileURLToPath(new URL('../../bin/swarm.ts', import.meta.url));

/** A `swarm` CLI process's exit code and output. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to the first line on stdout, and to exit. */
  firstLineMs: number | undefined;
  totalMs: number;
}

/** Runs `swarm <args>` in `cwd` on this Node, to its end, on the store `.swarm` in `cwd`. */
export function swarmCli(args: string[], { cwd, env }: { cwd: string; env: Record<string, string> }): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [swarmBin, '--dir', path.join(cwd, '.swarm'), ...args], { cwd, env: { ...process.env, SWARM_MODEL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let firstLineMs: number | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
    if (firstLineMs === undefined && stdout.includes('\n')) firstLineMs = performance.now() - started;
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, firstLineMs, totalMs: performance.now() - started }));
  });
}

/** A daemon for a benchmark, started with `swarm start` in `cwd`; `stop()` ends it by its pid. */
export async function startBenchDaemon(cwd: string, env: Record<string, string>): Promise<DaemonInfo & { stop(): Promise<void> }> {
  await mkdir(cwd, { recursive: true });
  const started = await swarmCli(['start', '--port', '0'], { cwd, env });
  const info = readDaemonFile(path.join(cwd, '.swarm'));
  if (started.code !== 0 || info === undefined) throw new Error(`swarm start failed: ${started.stderr}`);
  return {
    ...info,
    async stop() {
      if (isProcessAlive(info.pid)) process.kill(info.pid, 'SIGTERM');
      while (isProcessAlive(info.pid)) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}

/** The value at quantile `q` (0–1) of a non-empty list. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
