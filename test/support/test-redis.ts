import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { onTestFinished } from 'vitest';

const sharedPort = 6379;

/**
 * The URL of a Redis that answers on 127.0.0.1:6379, started with Debian's `redis-server` when none
 * does; undefined when none can be had, so a test can skip. Under `CI=true` that is an error instead.
 */
export async function testRedisUrl(): Promise<string | undefined> {
  const url = `redis://127.0.0.1:${sharedPort}`;
  if (await answers(sharedPort)) return url;
  spawnSync('redis-server', ['--port', String(sharedPort), '--bind', '127.0.0.1', '--daemonize', 'yes', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let tries = 0; tries < 50; tries++) {
    if (await answers(sharedPort)) return url;
    await sleep(100);
  }
  if (process.env.CI === 'true') throw new Error(`no Redis answers on 127.0.0.1:${sharedPort} and redis-server could not start one: the distributed tests need it`);
  return undefined;
}

/** A key prefix of its own for one test; its keys are deleted when the test ends. */
export function testPrefix(url: string): string {
  const prefix = `swarm-test-${randomUUID().slice(0, 12)}`;
  onTestFinished(async () => {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  });
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
      if (await answers(port)) return;
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

async function answers(port: number): Promise<boolean> {
  const redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}
