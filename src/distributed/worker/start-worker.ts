import { Worker, type Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createSecretRedactor } from '../../call/secret-redactor.ts';
import { checkConfig, loadConfig } from '../../config/load-config.ts';
import type { SwarmConfig } from '../../config/swarm-config.ts';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import type { RowWorker } from '../../pass/row-worker.ts';
import { createSharedLimiterRegistry } from '../../shared-limit/shared-limiter-registry.ts';
import type { AgentStepRecord } from '../../store/operations/agent-loops.ts';
import { dispatchJobSchema } from '../dispatch-job.ts';
import { processQueueName, sharedQueueName, workersKey } from '../distributed-keys.ts';
import { openRedis } from '../open-redis.ts';
import type { WorkerHeartbeat } from '../worker-heartbeat.ts';
import { deliverOutcome } from './deliver-outcome.ts';
import { loopToResume } from './loop-to-resume.ts';
import { streamStep } from './stream-step.ts';
import { createJobRecording } from './job-recording.ts';
import type { LocalPass, WorkerEnvironment } from './worker-environment.ts';
import { createWorkerPasses } from './worker-passes.ts';

/** Options of `startWorker`. */
export interface StartWorkerOptions {
  /** The Redis URL, e.g. `redis://127.0.0.1:6379` (a database: `redis://host:6379/2`). Required. */
  redis: string;
  /** Prefix of every key (BullMQ's queues and Swarm's own); coordinators and workers that work together share it. Default `swarm`. */
  prefix?: string;
  /** Dispatches this worker does at once. Default 32. */
  concurrency?: number;
  /** Folder the worker resolves relative paths against and reads `swarm.config.yaml` from. Default `process.cwd()`. */
  cwd?: string;
  /** Configuration in the shape of swarm.config.yaml. Default: the file in `cwd`, if any. */
  config?: Partial<SwarmConfig>;
  /** Environment for model keys. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Row functions of function passes, by their `workerKey`. */
  functions?: Record<string, RowWorker>;
  /**
   * Also answer command passes and task files' worker scripts: programs the pass names. Whoever can
   * write to this Redis can then run programs on this machine. Default false: such a pass is
   * stopped, saying so.
   */
  allowCommands?: boolean;
  /**
   * How long a job survives its worker going silent, in ms: a killed worker's dispatches are taken
   * over by others after about this long. Default 30000.
   */
  lockDurationMs?: number;
  /** Told what the worker rides out (a lost lock, a Redis error), one line each. Default: nothing. */
  log?: (message: string) => void;
  /** Told, after each dispatch it answers, how many it answered in all and their rows. */
  onAnswered?: (dispatches: number, rows: number) => void;
}

/** A running worker. */
export interface RunningWorker {
  /** Its id, as `swarm workers` shows it. */
  readonly id: string;
  /** Stops taking dispatches, finishes those under way, and disconnects. */
  close(): Promise<void>;
}

// How often a worker says it is alive, and what it is doing.
const heartbeatMs = 2_000;
// A job the worker lost (stalled and taken over) this often is failed, and its coordinator re-sends it.
const maxStalledCount = 10;

/**
 * Starts a worker: takes dispatches from the queue (BullMQ on Redis), answers them with the same
 * worker kinds as a local run, with this process's own config and keys, under the limits every
 * worker shares through Redis, and hands each outcome back to its coordinator, which commits it.
 */
export function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  return startWorkerWith(options, {});
}

/**
 * `startWorker`, also taking the dispatches of one coordinator's own queue, and answering the
 * passes that coordinator runs with what it knows of them (`local`: their Swarm's config and
 * folder, and what cannot travel): the worker a `bullmqBackend` runs in-process.
 */
export async function startWorkerWith(
  { redis: url, prefix = 'swarm', concurrency = 32, cwd = process.cwd(), config, env = process.env, functions = {}, allowCommands = false, lockDurationMs = 30_000, log = () => {}, onAnswered }: StartWorkerOptions,
  { processId, local = () => undefined }: { processId?: string; local?: (passId: string) => LocalPass | undefined },
): Promise<RunningWorker> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new InvalidInputError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  if (!Number.isInteger(lockDurationMs) || lockDurationMs < 500) throw new InvalidInputError(`lockDurationMs must be a whole number ≥ 500, got ${lockDurationMs}`);
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 6)}`;
  const redis = await openRedis(url);
  // The limiters' calls go on a connection of their own, so that no job's traffic queues before a slot.
  const limiterRedis = await openRedis(url);
  const onError = (error: unknown) => log(`redis: ${(error as Error)?.message ?? String(error)}`);
  const environment: WorkerEnvironment = {
    id,
    config: config === undefined ? loadConfig({ cwd }) : checkConfig(config, { cwd }),
    env,
    cwd,
    secrets: createSecretRedactor(env),
    limiters: createSharedLimiterRegistry({ redis: limiterRedis, prefix, onError }),
    redis,
    functions,
    allowCommands,
    local,
  };
  const passes = createWorkerPasses(redis, environment);
  const startedAt = Date.now();
  let active = 0;
  let jobsDone = 0;
  let rowsDone = 0;

  const answerJob = async (job: Job, token: string | undefined, signal: AbortSignal | undefined, queue: Worker): Promise<string> => {
    const data = dispatchJobSchema.parse(job.data);
    const held = await passes.hold(data.recipe, data.run);
    active++;
    beatSoon();
    try {
      const rows = data.rows;
      const lockKey = `${queue.toKey(job.id!)}:lock`;
      const steps = data.steps;
      const outcome = held.stopped
        ? createJobRecording({ rowIds: rows.map((row) => row.id), resumed: undefined }).outcome(id, undefined)
        : await held.pass.runJob(rows, {
            // A job taken over from a killed worker resumes its loop from the steps that worker streamed too.
            loop: steps === undefined ? (data.loop as AgentStepRecord[] | undefined) : await loopToResume(redis, steps, rows, data.loop as AgentStepRecord[] | undefined),
            signal: signal ?? new AbortController().signal,
            streamStep: steps === undefined ? undefined : (step) => streamStep(redis, { lockKey, results: held.results, steps, token: token ?? '', jobId: job.id!, step }),
          });
      const delivered = await deliverOutcome(redis, { lockKey, results: held.results, token: token ?? '', jobId: job.id!, outcome });
      if (!delivered) {
        log(`job ${job.id}: its lock was lost (another worker has it now): outcome dropped`);
        return 'refused';
      }
      jobsDone++;
      rowsDone += outcome.done.length + outcome.failed.length;
      onAnswered?.(jobsDone, rowsDone);
      beatSoon();
      return 'delivered';
    } finally {
      active--;
      held.release();
    }
  };

  const queues = [sharedQueueName, ...(processId === undefined ? [] : [processQueueName(processId)])];
  const workers = queues.map((name) => {
    const worker: Worker = new Worker(name, (job, token, signal) => answerJob(job, token, signal, worker), {
      connection: redis,
      prefix,
      concurrency,
      lockDuration: lockDurationMs,
      stalledInterval: Math.max(500, Math.round(lockDurationMs / 2)),
      maxStalledCount,
      name: id,
    });
    // A job whose lock could not be renewed is another worker's now: stop working on it.
    worker.on('lockRenewalFailed', (jobIds: string[]) => {
      for (const jobId of jobIds) worker.cancelJob(jobId, 'lock lost');
    });
    worker.on('error', onError);
    return worker;
  });

  const beat = () => {
    const { jobs, calls } = passes.activity();
    const heartbeat: WorkerHeartbeat = {
      id,
      host: hostname(),
      pid: process.pid,
      concurrency: concurrency * queues.length,
      active,
      jobs: jobsDone,
      rows: rowsDone,
      passes: jobs,
      calls,
      startedAt,
      seenAt: Date.now(),
    };
    return redis.hset(workersKey(prefix), id, JSON.stringify(heartbeat)).catch(onError);
  };
  await beat();
  const heartbeat = setInterval(beat, heartbeatMs);
  heartbeat.unref();
  // What changed is said within a moment, not only at the next beat.
  let soon: NodeJS.Timeout | undefined;
  function beatSoon() {
    soon ??= setTimeout(() => {
      soon = undefined;
      void beat();
    }, 100).unref();
  }

  let closing: Promise<void> | undefined;
  return {
    id,
    close() {
      closing ??= (async () => {
        clearInterval(heartbeat);
        clearTimeout(soon);
        await Promise.all(workers.map((worker) => worker.close()));
        await passes.close();
        environment.limiters.close();
        await redis.hdel(workersKey(prefix), id).catch(() => {});
        // Give the limiters' last scripts (leaving their keys) time to go out before disconnecting.
        await limiterRedis.ping().catch(() => {});
        redis.disconnect();
        limiterRedis.disconnect();
      })();
      return closing;
    },
  };
}
