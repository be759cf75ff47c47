import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

const url = 'redis://127.0.0.1:6379';

/**
 * The Redis the distributed benchmarks use (127.0.0.1:6379, started with `redis-server` when none
 * answers), a key prefix of their own, and a function deleting its keys afterwards.
 */
export async function benchRedis(): Promise<{ url: string; prefix: string; clean(): Promise<void> }> {
  if (!(await answers())) {
    spawnSync('redis-server', ['--port', '6379', '--bind', '127.0.0.1', '--daemonize', 'yes', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let tries = 0; tries < 50 && !(await answers()); tries++) await sleep(100);
    if (!(await answers())) throw new Error('the distributed benchmarks need Redis: none answers on 127.0.0.1:6379 and redis-server could not start one');
  }
  const prefix = `swarm-bench-${randomUUID().slice(0, 8)}`;
  return {
    url,
    prefix,
    async clean() {
      const redis = new Redis(url);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}

async function answers(): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
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
