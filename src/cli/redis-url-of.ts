import { loadConfig } from '../config/load-config.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { CliIo } from './cli-io.ts';

/** Where the distributed commands find Redis: `--redis`, else `SWARM_REDIS_URL`, else `redis:` in swarm.config.yaml; and the key prefix (`SWARM_REDIS_PREFIX`, default `swarm`). */
export function redisOf(io: CliIo, flag: string | undefined, command: string): { url: string; prefix: string } {
  const found = configuredRedis(io, flag);
  if (found === undefined) throw new InvalidInputError(`${command} needs Redis: give --redis redis://host:6379, or set SWARM_REDIS_URL, or redis: in swarm.config.yaml`);
  return found;
}

/** The Redis `redisOf` would use, or undefined when none is given anywhere. */
export function configuredRedis(io: CliIo, flag: string | undefined): { url: string; prefix: string } | undefined {
  const url = flag || io.env.SWARM_REDIS_URL || loadConfig({ cwd: io.cwd }).redis;
  return url === undefined || url === '' ? undefined : { url, prefix: io.env.SWARM_REDIS_PREFIX || 'swarm' };
}
