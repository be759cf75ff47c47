import { randomUUID } from 'node:crypto';
import { deleteRedisKeys, sharedRedisUrl } from '../../test/support/local-redis.ts';

/**
 * The Redis the distributed benchmarks use (127.0.0.1:6379, started with `redis-server` when none
 * answers), a key prefix of their own, and a function deleting its keys afterwards.
 */
export async function benchRedis(): Promise<{ url: string; prefix: string; clean(): Promise<void> }> {
  const url = await sharedRedisUrl();
  if (url === undefined) throw new Error('the distributed benchmarks need Redis: none answers on 127.0.0.1:6379 and redis-server could not start one');
  const prefix = `swarm-bench-${randomUUID().slice(0, 8)}`;
  return { url, prefix, clean: () => deleteRedisKeys(url, prefix) };
}
