import { bullmqBackend, type BullmqBackend } from '../../../src/distributed/index.ts';
import { testPrefix, testRedisUrl } from '../../support/test-redis.ts';

/** The backend the contract tests run on: `local` (none: this process's pool), or `bullmq` with `SWARM_TEST_BACKEND=bullmq`. */
const backendName = process.env.SWARM_TEST_BACKEND === 'bullmq' ? 'bullmq' : 'local';

const redisUrl = backendName === 'bullmq' ? await testRedisUrl() : undefined;
if (backendName === 'bullmq' && redisUrl === undefined) throw new Error('SWARM_TEST_BACKEND=bullmq needs Redis: none answers on 127.0.0.1:6379 and redis-server could not start one');

/**
 * A backend for one test: undefined locally; with bullmq, one of its own (a key prefix of its own)
 * whose worker runs in this process, so that the tests' model instances and functions reach it.
 */
export function testBackend(): BullmqBackend | undefined {
  if (redisUrl === undefined) return undefined;
  return bullmqBackend({ redis: redisUrl, prefix: testPrefix(redisUrl), localWorker: { concurrency: 256, lockDurationMs: 5_000 } });
}
