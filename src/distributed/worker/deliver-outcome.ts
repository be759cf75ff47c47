import type { Redis } from 'ioredis';
import { redisScript } from '../../shared-limit/redis-script.ts';
import type { JobOutcome } from '../job-outcome.ts';

// KEYS[1] the job's lock, KEYS[2] the results stream; ARGV the worker's lock token, job id, outcome JSON.
const deliverScript = redisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('XADD', KEYS[2], '*', 'job', ARGV[2], 'outcome', ARGV[3])
return 1
`);

/**
 * Hands a dispatch's outcome to its coordinator, if this worker still holds the job's lock (its
 * lease token): a worker whose job was taken over meanwhile (it stalled; another worker has it now)
 * is refused, so a late outcome never reaches the store. False when refused.
 */
export async function deliverOutcome(
  redis: Redis,
  { lockKey, results, token, jobId, outcome }: { lockKey: string; results: string; token: string; jobId: string; outcome: JobOutcome },
): Promise<boolean> {
  return (await deliverScript.run(redis, [lockKey, results], [token, jobId, JSON.stringify(outcome)])) === 1;
}
