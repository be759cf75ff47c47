import { Option } from 'commander';

/** `--backend` of the commands that run work (`run`, `plan run`); `what` names what is sent to workers. */
export function backendOption(what: string): Option {
  return new Option(
    '--backend <where>',
    `local: answer in this process; bullmq: send ${what} to \`swarm worker\` processes through Redis, committing their results here (default: backend: in swarm.config.yaml, else bullmq when --redis is given, else local)`,
  ).choices(['local', 'bullmq']);
}

/** `--redis` of the commands that take `--backend`. */
export function redisOption(): Option {
  return new Option('--redis <url>', 'with --backend bullmq: the Redis, e.g. redis://127.0.0.1:6379 (default: $SWARM_REDIS_URL, else redis: in swarm.config.yaml)');
}
