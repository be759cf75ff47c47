import { loadConfig } from '../config/load-config.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { CliIo } from './cli-io.ts';

/** Where the distributed commands find Redis: `--redis`, else `SWARM_REDIS_URL`, else `redis:` in swarm.config.yaml; and the key prefix (`SWARM_REDIS_PREFIX`, default `swarm`). */
export function redisOf(io: CliIo, flag: string | undefined, command: string): { url: string; prefix: string } {
  const url = flag ?? io.env.SWARM_REDIS_URL ?? loadConfig({ cwd: io.cwd }).redis;
  if (url === undefined || url === '') {
    throw new InvalidInputError(`${command} needs Redis: give --redis redis://host:6379, or set SWARM_REDIS_URL, or redis: in swarm.config.yaml`);
  }
  return { url, prefix: io.env.SWARM_REDIS_PREFIX || 'swarm' };
}
