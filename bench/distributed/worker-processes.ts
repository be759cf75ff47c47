import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const swarmBin = fileURLToPath(new URL('../../bin/swarm.ts', import.meta.url));

/** Worker processes a benchmark started, and how to stop them. */
export interface WorkerProcesses {
  stop(): Promise<void>;
}

/**
 * Starts `count` `swarm worker` processes on `redis` under `prefix` with `env` (a provider's key
 * and base URL), each taking `concurrency` dispatches at once; resolves once all say they answer.
 */
export async function startWorkerProcesses(
  count: number,
  { redis, prefix, concurrency, env = {}, cwd }: { redis: string; prefix: string; concurrency: number; env?: Record<string, string>; cwd: string },
): Promise<WorkerProcesses> {
  const children: ChildProcess[] = [];
  const ready = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, [swarmBin, 'worker', '--redis', redis, '--concurrency', String(concurrency)], {
      cwd,
      env: { ...process.env, SWARM_REDIS_PREFIX: prefix, SWARM_MODEL: '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(child);
    return new Promise<void>((resolve, reject) => {
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('answering up to')) resolve();
      });
      child.on('close', (code) => reject(new Error(`swarm worker exited (${code}) before it was ready: ${stderr}`)));
    });
  });
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('close', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    await Promise.all(ready);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
