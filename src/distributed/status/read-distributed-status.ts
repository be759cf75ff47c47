import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { LimitSource, RateLimits } from '../../limit/rate-limits.ts';
import { sharedLimiterPattern } from '../../shared-limit/shared-limiter-keys.ts';
import { sharedQueueName, workersKey } from '../distributed-keys.ts';
import { openRedis } from '../open-redis.ts';
import type { WorkerHeartbeat } from '../worker-heartbeat.ts';

/** A worker as the status shows it: its last heartbeat, and whether that is recent. */
export interface WorkerStatus extends WorkerHeartbeat {
  /** Said nothing for 10 s: stopped, killed or cut off (its dispatches are taken over once their locks lapse). */
  silent: boolean;
}

/** A shared limiter's state (one provider key and model). */
export interface SharedLimiterStatus {
  key: string;
  limits: RateLimits;
  source: LimitSource;
  /** Calls in flight, over every process. */
  inFlight: number;
  /** Calls allowed in flight now (adaptive concurrency, within the cap). */
  concurrency: number;
  /** Requests per minute paced at; undefined when nothing paces requests. */
  pacedPerMinute: number | undefined;
  /** Every call of the key waits until then (epoch ms, Redis's clock). */
  parkedUntil: number | undefined;
  /** Processes using the key (beating in the last 10 s). */
  processes: number;
}

/** What `swarm workers` shows: the workers, the shared queue, and the shared limiters. */
export interface DistributedStatus {
  workers: WorkerStatus[];
  queue: { waiting: number; active: number; delayed: number; failed: number };
  limiters: SharedLimiterStatus[];
}

const silentAfterMs = 10_000;
// Heartbeats of workers gone this long are dropped from the hash.
const forgetAfterMs = 3_600_000;

/** Reads the distributed state under `prefix` of the Redis at `redis` (a URL, or a connection to use). */
export async function readDistributedStatus({ redis, prefix = 'swarm' }: { redis: string | Redis; prefix?: string }): Promise<DistributedStatus> {
  const connection = typeof redis === 'string' ? await openRedis(redis) : redis;
  try {
    const now = Date.now();
    const heartbeats = Object.entries(await connection.hgetall(workersKey(prefix))).map(([, json]) => JSON.parse(json) as WorkerHeartbeat);
    const forgotten = heartbeats.filter((heartbeat) => now - heartbeat.seenAt > forgetAfterMs).map((heartbeat) => heartbeat.id);
    if (forgotten.length > 0) await connection.hdel(workersKey(prefix), ...forgotten);
    const workers = heartbeats
      .filter((heartbeat) => !forgotten.includes(heartbeat.id))
      .map((heartbeat) => ({ ...heartbeat, silent: now - heartbeat.seenAt > silentAfterMs }))
      .sort((left, right) => Number(left.silent) - Number(right.silent) || left.id.localeCompare(right.id));
    const queue = new Queue(sharedQueueName, { connection, prefix });
    queue.on('error', () => {});
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
    await queue.close();
    return {
      workers,
      queue: { waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0), active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 },
      limiters: await readLimiters(connection, prefix),
    };
  } finally {
    if (typeof redis === 'string') connection.disconnect();
  }
}

async function readLimiters(redis: Redis, prefix: string): Promise<SharedLimiterStatus[]> {
  const stateKeys: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', sharedLimiterPattern(prefix), 'COUNT', 500);
    cursor = next;
    stateKeys.push(...keys.filter((key) => !key.endsWith(':holders') && !key.endsWith(':log')));
  } while (cursor !== '0');
  const [seconds, micros] = (await redis.time()).map(Number) as [number, number];
  const now = seconds * 1000 + Math.floor(micros / 1000);
  const limiters: SharedLimiterStatus[] = [];
  for (const stateKey of stateKeys.sort()) {
    const state = await redis.hgetall(stateKey);
    const holders = await redis.hgetall(`${stateKey}:holders`);
    const number = (field: string) => (state[field] === undefined ? undefined : Number(state[field]));
    const limits = Object.fromEntries(
      Object.entries({
        requestsPerMinute: number('rpm'),
        inputTokensPerMinute: number('itpm'),
        outputTokensPerMinute: number('otpm'),
        tokensPerMinute: number('tpm'),
        tokensPerDay: number('tpd'),
        maxInFlight: number('mif'),
        minIntervalMs: number('mi'),
      }).filter(([, value]) => value !== undefined),
    ) as RateLimits;
    const rpm = limits.requestsPerMinute ?? number('est');
    const share = number('share') ?? 0.97;
    const park = number('park');
    limiters.push({
      key: stateKey.slice(`${prefix}:limiter:`.length),
      limits,
      source: (state.src ?? 'none') as LimitSource,
      inFlight: number('inf') ?? 0,
      concurrency: Math.max(1, Math.floor(Math.min(number('conc') ?? 1, limits.maxInFlight ?? Number.POSITIVE_INFINITY, number('maxc') ?? Number.POSITIVE_INFINITY))),
      pacedPerMinute: rpm === undefined ? undefined : limits.requestsPerMinute === undefined ? rpm : rpm * share,
      parkedUntil: park !== undefined && park > now ? park : undefined,
      processes: Object.entries(holders).filter(([field, at]) => field.startsWith('b:') && now - Number(at) < silentAfterMs).length,
    });
  }
  return limiters;
}
