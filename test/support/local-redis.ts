// Redis on this machine, for tests and benchmarks alike: no test framework in here, so bench/ may
// import it too.
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** The port of the Redis tests and benchmarks share. */
export const sharedRedisPort = 6379;

/**
 * The URL of a Redis that answers on 127.0.0.1:6379, started with Debian's `redis-server` (no
 * persistence) when none does; undefined when none can be had.
 */
export async function sharedRedisUrl(): Promise<string | undefined> {
  const url = `redis://127.0.0.1:${sharedRedisPort}`;
  if (await redisAnswers(sharedRedisPort)) return url;
  spawnSync('redis-server', ['--port', String(sharedRedisPort), '--bind', '127.0.0.1', '--daemonize', 'yes', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let tries = 0; tries < 50; tries++) {
    if (await redisAnswers(sharedRedisPort)) return url;
    await sleep(100);
  }
  return undefined;
}

/** Deletes every key of `url`'s Redis that starts with `prefix`. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
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
}

/** True when a Redis answers PING on 127.0.0.1:`port`. */
export async function redisAnswers(port: number): Promise<boolean> {
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
