import { Command } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { describeDistributedStatus } from '../describe-distributed-status.ts';
import { exitCodes } from '../exit-codes.ts';
import { redisOf } from '../redis-url-of.ts';

/** `swarm workers`: the workers connected to a Redis, their load, and the limits they share. */
export function workersCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('workers')
    .description('show the workers connected to Redis (distributed runs), what each is doing, the queue, and the shared rate limits')
    .option('--redis <url>', 'the Redis to look at (default: $SWARM_REDIS_URL, else redis: in swarm.config.yaml)')
    .option('--json', 'print it as JSON')
    .addHelpText(
      'after',
      `
Example:
  swarm workers --redis redis://10.0.0.5:6379
`,
    )
    .action(async (flags: { redis?: string; json?: boolean }) => {
      const { url, prefix } = redisOf(io, flags.redis, 'swarm workers');
      const { readDistributedStatus } = await import('../../distributed/index.ts');
      const { redactedUrl } = await import('../../distributed/open-redis.ts');
      const status = await readDistributedStatus({ redis: url, prefix });
      io.stdout.write(flags.json ? `${JSON.stringify(status)}\n` : `${describeDistributedStatus(status, { where: `${redactedUrl(url)}, prefix ${prefix}` })}\n`);
      setExitCode(exitCodes.ok);
    });
}
