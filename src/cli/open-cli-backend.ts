import { loadConfig } from '../config/load-config.ts';
import type { BullmqBackend } from '../distributed/coordinator/bullmq-backend.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { CliIo } from './cli-io.ts';
import { redisOf } from './redis-url-of.ts';

/**
 * The backend `swarm run` and `swarm plan run` answer dispatches on: `--backend`, else `backend:` in swarm.config.yaml,
 * else `bullmq` when `--redis` is given, else `local` (undefined: this process). The BullMQ backend
 * is connected before anything runs, so that an unreachable Redis is said at once.
 */
export async function openCliBackend(io: CliIo, flags: { backend?: 'local' | 'bullmq'; redis?: string }): Promise<BullmqBackend | undefined> {
  const backend = flags.backend ?? loadConfig({ cwd: io.cwd }).backend ?? (flags.redis === undefined ? 'local' : 'bullmq');
  if (backend === 'local') {
    if (flags.redis !== undefined) throw new InvalidInputError('--redis goes with --backend bullmq');
    return undefined;
  }
  const { url, prefix } = redisOf(io, flags.redis, '--backend bullmq');
  // Loaded here, not with the CLI: BullMQ and ioredis are for distributed runs only.
  const { bullmqBackend } = await import('../distributed/index.ts');
  const opened = bullmqBackend({ redis: url, prefix });
  try {
    await opened.connect();
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}
