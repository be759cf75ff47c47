import type { Redis } from 'ioredis';
import { redisScript } from '../../shared-limit/redis-script.ts';
import { passKeysTtlMs } from '../distributed-keys.ts';
import type { StreamedStep } from '../job-outcome.ts';

// KEYS[1] the job's lock, KEYS[2] the results stream, KEYS[3] the job's steps list;
// ARGV the worker's lock token, job id, step JSON, the list's time to live (ms).
const streamScript = redisScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('RPUSH', KEYS[3], ARGV[3])
redis.call('PEXPIRE', KEYS[3], ARGV[4])
redis.call('XADD', KEYS[2], '*', 'job', ARGV[2], 'step', ARGV[3])
return 1
`);

/**
 * Hands one agent loop step to the coordinator as it is recorded, if this worker still holds the
 * job's lock: on the outcomes stream (the coordinator commits it to the store at once) and on the
 * job's steps list (a worker that takes the job over resumes the loop from it). False when refused
 * (the job is another worker's now).
 */
export async function streamStep(
  redis: Redis,
  { lockKey, results, steps, token, jobId, step }: { lockKey: string; results: string; steps: string; token: string; jobId: string; step: StreamedStep },
): Promise<boolean> {
  return (await streamScript.run(redis, [lockKey, results, steps], [token, jobId, JSON.stringify(step), passKeysTtlMs])) === 1;
}
