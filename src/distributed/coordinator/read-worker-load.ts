import type { Redis } from 'ioredis';
import { parseUntrustedJson } from '../../json/parse-untrusted-json.ts';
import { workersKey } from '../distributed-keys.ts';
import type { WorkerHeartbeat } from '../worker-heartbeat.ts';

// A worker silent for this long is not counted as connected (a heartbeat comes every 2 s).
const workerSilenceMs = 10_000;

/** What the connected workers under `prefix` say, from their heartbeats: how many there are, and the calls of `passId` they have in flight. */
export async function readWorkerLoad(redis: Redis, prefix: string, passId: string): Promise<{ workers: number; inFlight: number }> {
  const now = Date.now();
  let workers = 0;
  let inFlight = 0;
  for (const json of Object.values(await redis.hgetall(workersKey(prefix)))) {
    const parsed = parseUntrustedJson(json);
    if (!parsed.ok) continue;
    const heartbeat = parsed.value as Partial<WorkerHeartbeat>;
    if (typeof heartbeat.seenAt !== 'number' || now - heartbeat.seenAt >= workerSilenceMs) continue;
    workers++;
    const calls = heartbeat.calls?.[passId];
    if (typeof calls === 'number' && calls > 0) inFlight += calls;
  }
  return { workers, inFlight };
}
