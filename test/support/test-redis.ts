import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { onTestFinished } from 'vitest';
import { freePort } from './free-port.ts';
import { deleteRedisKeys, redisAnswers, sharedRedisPort, sharedRedisUrl } from './local-redis.ts';

/**
 * The URL of a Redis that answers on 127.0.0.1:6379, started with Debian's `redis-server` when none
 * does; undefined when none can be had, so a test can skip. Under `CI=true` that is an error instead.
 */
export async function testRedisUrl(): Promise<string | undefined> {
  const url = await sharedRedisUrl();
  if (url === undefined && process.env.CI === 'true') throw new Error(`no Redis answers on 127.0.0.1:${sharedRedisPort} and redis-server could not start one: the distributed tests need it`);
  return url;
}

/** A key prefix of its own for one test; its keys are deleted when the test ends. */
export function testPrefix(url: string): string {
  const prefix = `swarm-test-${randomUUID().slice(0, 12)}`;
  onTestFinished(() => deleteRedisKeys(url, prefix));
  return prefix;
}

/** A Redis server of a test's own, on a free port, that it may stop and start again. */
export interface PrivateRedis {
  url: string;
  port: number;
  /** Stops the server (SHUTDOWN NOSAVE: what it held is lost unless `persistent`). */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Starts a private `redis-server`; stopped when the test ends. `persistent` keeps its data in an append-only file across restarts. */
export async function startPrivateRedis({ dir, persistent = false }: { dir: string; persistent?: boolean }): Promise<PrivateRedis> {
  const port = await freePort();
  let server: ChildProcess | undefined;
  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', persistent ? 'yes' : 'no'];
    server = spawn('redis-server', args, { stdio: 'ignore' });
    for (let tries = 0; tries < 100; tries++) {
      if (await redisAnswers(port)) return;
      await sleep(50);
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  const stop = async () => {
    if (server === undefined || server.exitCode !== null) return;
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  };
  await start();
  onTestFinished(stop);
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}
