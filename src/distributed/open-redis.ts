import { Redis } from 'ioredis';
import { InvalidInputError } from '../errors/invalid-input-error.ts';

/**
 * Connects to Redis at `url` for a coordinator or worker: commands wait while the connection is
 * re-established (a Redis restart) instead of failing, as BullMQ needs. Rejects when the first
 * connection cannot be made, naming the URL without its password.
 */
export async function openRedis(url: string): Promise<Redis> {
  if (!/^rediss?:\/\//.test(url)) throw new InvalidInputError(`the Redis URL must look like redis://host:6379, got ${JSON.stringify(redactedUrl(url))}`);
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    lazyConnect: true,
    // Reconnect for as long as it takes, at most a second apart.
    retryStrategy: (times) => Math.min(1_000, 50 * times),
  });
  // Errors while reconnecting are ridden out; a command waits for the connection meanwhile.
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => (lastError = error));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new InvalidInputError(`cannot connect to Redis at ${redactedUrl(url)}: ${(lastError ?? (error as Error)).message}`);
  }
  return redis;
}

/** `url` with any password replaced, for messages. */
export function redactedUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, (_, credentials: string) => `//${credentials.includes(':') ? `${credentials.split(':')[0]}:***` : '***'}@`);
}
