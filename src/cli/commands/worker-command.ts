import { Command, Option } from 'commander';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { parseWholeNumber } from '../parse-numbers.ts';
import { redisOf } from '../redis-url-of.ts';
import { plural } from '../../format/plural.ts';

interface WorkerFlags {
  redis?: string;
  concurrency: number;
  lockMs: number;
  allowCommands?: boolean;
}

/** `swarm worker`: answers the dispatches of distributed runs until stopped. */
export function workerCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('worker')
    .description('take dispatches of distributed runs (swarm run --backend bullmq) from Redis and answer them, with this machine\'s keys and config, until Ctrl-C')
    .option('--redis <url>', 'the Redis the runs use, e.g. redis://127.0.0.1:6379 (default: $SWARM_REDIS_URL, else redis: in swarm.config.yaml)')
    .addOption(new Option('--concurrency <n>', 'dispatches this worker answers at once (calls in flight are paced by the limit every worker shares)').default(32).argParser(parseWholeNumber))
    .addOption(
      new Option('--lock-ms <n>', "how long a dispatch survives this worker going silent: another worker takes a killed worker's dispatches over after about this long")
        .default(30_000)
        .argParser(parseWholeNumber),
    )
    .option('--allow-commands', 'also answer command passes (--command) and task files\' worker scripts: whoever can write to this Redis can then run programs on this machine (default: such a pass is stopped, saying so)')
    .addHelpText(
      'after',
      `
Workers read swarm.config.yaml and API keys from their own folder and environment; keys never
travel. Every worker and run sharing a Redis (and $SWARM_REDIS_PREFIX, default swarm) shares one
rate limit per provider key and model.

Examples:
  swarm worker --redis redis://10.0.0.5:6379
  SWARM_REDIS_URL=redis://10.0.0.5:6379 OPENAI_API_KEY=... swarm worker --concurrency 64
  swarm worker --redis redis://10.0.0.5:6379 --allow-commands     # also run --command passes
`,
    )
    .action(async (flags: WorkerFlags) => {
      const { url, prefix } = redisOf(io, flags.redis, 'swarm worker');
      // Loaded here, not with the CLI: BullMQ and ioredis are for distributed runs only.
      const { startWorker } = await import('../../distributed/index.ts');
      const { redactedUrl } = await import('../../distributed/open-redis.ts');
      let answered = { jobs: 0, rows: 0 };
      const worker = await startWorker({
        redis: url,
        prefix,
        concurrency: flags.concurrency,
        lockDurationMs: flags.lockMs,
        allowCommands: flags.allowCommands === true,
        cwd: io.cwd,
        env: io.env,
        log: (message) => io.stderr.write(`swarm worker: ${message}\n`),
        onAnswered: (jobs, rows) => (answered = { jobs, rows }),
      });
      io.stderr.write(`swarm worker ${worker.id}: answering up to ${flags.concurrency} dispatches at once from ${redactedUrl(url)} (prefix ${prefix}); Ctrl-C to stop\n`);
      await new Promise<void>((resolve) => {
        let stops = 0;
        const onStop = () => {
          if (++stops > 1) process.exit(exitCodes.interrupted);
          io.stderr.write('Stopping: finishing the dispatches under way; press Ctrl-C again to quit at once (they are taken over by other workers).\n');
          resolve();
        };
        process.on('SIGINT', onStop);
        process.on('SIGTERM', onStop);
      });
      await worker.close();
      io.stderr.write(`Stopped after answering ${plural(answered.jobs, 'dispatch')} (${plural(answered.rows, 'row')}).\n`);
      setExitCode(exitCodes.ok);
    });
}
