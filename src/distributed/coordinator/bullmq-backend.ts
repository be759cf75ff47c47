import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { spentSoFar } from '../../budget/spent-so-far.ts';
import { responseCache } from '../../cache/response-cache.ts';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import { schemaWarnings } from '../../pass/schema-warnings.ts';
import { persistPassEvent } from '../../recorder/persist-pass-event.ts';
import { recordFailure } from '../../recorder/record-failure.ts';
import type { PassBackend } from '../../run-pass/pass-backend.ts';
import type { PreparedPass } from '../../pass/prepared-pass.ts';
import type { RunOptions } from '../../pass/run-options.ts';
import type { PassWork } from '../../run-pass/run-leased-pass.ts';
import { writeSharedBudget } from '../../shared-budget/shared-budget-guard.ts';
import { storeId } from '../../store/store-id.ts';
import type { TaskDefinition } from '../../task/task-definition.ts';
import type { TaskFileBackend } from '../../task/run-task.ts';
import { runPool } from '../../worker-pool/run-pool.ts';
import { structuredWorkers } from '../../worker-kinds/structured/structured-kind.ts';
import { dispatchJobId, type DispatchJob } from '../dispatch-job.ts';
import { passKeys, passKeysTtlMs, processQueueName, sharedQueueName } from '../distributed-keys.ts';
import { openRedis } from '../open-redis.ts';
import { startWorkerWith, type RunningWorker } from '../worker/start-worker.ts';
import type { LocalPass } from '../worker/worker-environment.ts';
import { answerFromCache } from './answer-from-cache.ts';
import { commitOutcome, type OutcomeTarget } from './commit-outcome.ts';
import { commitStep } from './commit-step.ts';
import { createBudgetGuard } from '../../budget/budget-guard.ts';
import { limiterForModel } from '../../pass/model-limiter.ts';
import { createModelPassState } from '../../run-pass/model-pass-state.ts';
import { compareStreamIds, openDispatchChannel } from './dispatch-channel.ts';
import { readWorkerLoad } from './read-worker-load.ts';
import { recipeOfPass } from './recipe-of-pass.ts';

/** Options of `bullmqBackend`. */
export interface BullmqBackendOptions {
  /** The Redis URL, e.g. `redis://127.0.0.1:6379`. Required. */
  redis: string;
  /** Prefix of every key; the workers must use the same. Default `swarm`. */
  prefix?: string;
  /**
   * Also run a worker in this process, taking this many dispatches at once. It answers any pass,
   * and the passes only it can answer: those given a model instance, or a `worker` function without
   * a `workerKey` of its own. Default: none (every dispatch goes to `swarm worker` processes).
   */
  localWorker?: { concurrency?: number; lockDurationMs?: number };
  /**
   * Dispatches enqueued and not yet answered, at most, per pass run. Below it, a pass has as many
   * under way as a local run's pool would (its `concurrency`, twice that for structured calls).
   * Default 4096.
   */
  maxQueuedDispatches?: number;
}

/** The BullMQ backend: give it to `openSwarm({ backend })`; close it when done. */
export interface BullmqBackend extends TaskFileBackend {
  /** Connects now (else on the first run): a Redis that cannot be reached is an InvalidInputError naming it. */
  connect(): Promise<void>;
  close(): Promise<void>;
}

interface Connection {
  redis: Redis;
  shared: Queue;
  own: Queue | undefined;
  worker: RunningWorker | undefined;
}

// How often a run says what its workers have in flight.
const sampleMs = 1_000;

/** Whether only this process can answer the pass: it has a model instance, or a function that travels by no key. */
function processOnly(pass: PreparedPass, options: RunOptions, task: TaskDefinition | undefined): boolean {
  if (pass.command !== undefined) return false;
  return (options.model !== undefined && typeof options.model !== 'string') || (pass.worker !== undefined && task === undefined && options.workerKey === undefined);
}

/**
 * A backend that runs passes on `swarm worker` processes through BullMQ on Redis. The store stays
 * the source of truth: the coordinator (the process running the pass) enqueues each ready dispatch
 * under an idempotent job id, commits each outcome as it comes back, and on a restart adopts the
 * dispatches still queued and commits the outcomes no run committed. Workers use their own keys
 * and config; they share one rate limit per provider key through Redis.
 */
export function bullmqBackend({ redis: url, prefix = 'swarm', localWorker, maxQueuedDispatches = 4096 }: BullmqBackendOptions): BullmqBackend {
  const processId = randomUUID().slice(0, 12);
  // The passes this process runs, for its own worker (see `LocalPass`).
  const local = new Map<string, LocalPass>();
  let connecting: Promise<Connection> | undefined;
  const connect = () =>
    (connecting ??= (async () => {
      const redis = await openRedis(url);
      const shared = new Queue(sharedQueueName, { connection: redis, prefix });
      const own = localWorker === undefined ? undefined : new Queue(processQueueName(processId), { connection: redis, prefix });
      // Connection errors are ridden out (commands wait for Redis to come back); the channels say what matters.
      for (const queue of [shared, own]) queue?.on('error', () => {});
      const worker =
        localWorker === undefined
          ? undefined
          : await startWorkerWith(
              // It answers its own process's passes: commands included, as a local run would.
              { redis: url, prefix, concurrency: localWorker.concurrency, lockDurationMs: localWorker.lockDurationMs, allowCommands: true },
              { processId, local: (passId) => local.get(passId) },
            );
      return { redis, shared, own, worker };
    })());

  const backend = (task: TaskDefinition | undefined): PassBackend => ({
    name: 'bullmq',
    check({ pass, options, engine }) {
      if (engine.replayLoopsOf !== undefined) throw new InvalidInputError('a replay reads the loops it gives back from the store: it runs in this process, not on workers');
      if (localWorker === undefined && processOnly(pass, options, task)) {
        throw new InvalidInputError(
          'a model instance, or a worker function without a workerKey of its own, cannot travel to other processes: ' +
            'give bullmqBackend({ localWorker }) to answer it in this process, or a model spec, and a workerKey that `startWorker({ functions })` registers',
        );
      }
    },
    async openWork({ swarm, pass, options, engine, run }): Promise<PassWork> {
      const { redis, shared, own } = await connect();
      const { store, events } = swarm;
      const store_ = storeId(store.dir);
      const keys = passKeys(prefix, store_, pass.passId);
      const runId = randomUUID();
      const recipeOf = recipeOfPass(pass, options, engine, { runId, results: keys.results, budgetKey: keys.budget(runId), cwd: swarm.cwd, task });
      const { recipe } = recipeOf;
      local.set(pass.passId, { config: swarm.config, env: swarm.env, cwd: swarm.cwd, ...recipeOf.objects });
      const queue = recipeOf.processOnly ? own! : shared;
      const publish = async () => {
        if (recipe.budget !== undefined) await writeSharedBudget(redis, recipe.budget.key, { spent: spentSoFar(store, pass.passId), limits: recipe.budget.limits });
        await redis
          .multi()
          .hset(keys.recipe, { recipe: JSON.stringify(recipe), run: runId, results: keys.results })
          .hdel(keys.recipe, 'stopped', 'ended')
          .pexpire(keys.recipe, passKeysTtlMs)
          .exec();
      };
      await publish();

      const cache = pass.model !== undefined && pass.cache ? responseCache(store) : undefined;
      // A structured pass's dispatches whose whole call is cached are answered here, from this store's
      // cache; with nothing cached when the run starts, no dispatch's prompt is rendered here for it.
      const cachedState =
        cache === undefined || pass.command !== undefined || pass.agent !== undefined || pass.worker !== undefined || store.cache.isEmpty()
          ? undefined
          : createModelPassState(run, pass, {
              cache,
              budget: createBudgetGuard(store, pass.passId, {}),
              ...limiterForModel(swarm, pass.model, pass.concurrency),
              limiters: swarm.limiters,
              config: swarm.config,
              env: swarm.env,
            });
      const target: OutcomeTarget = { run, store, tableId: pass.table.id, schema: pass.schema, cache, committed: new Set() };
      const warn = (message: string) => {
        events.emit({ type: 'warning', passId: pass.passId, message });
        persistPassEvent(store, 'warning', pass.passId, { message });
      };
      const reader = redis.duplicate();
      reader.on('error', () => {});
      const channel = openDispatchChannel({
        redis,
        reader,
        queue,
        keys,
        sink: {
          commitBatch(batch, through) {
            // One transaction: the outcomes and steps, and the mark that they are committed.
            store.transaction(() => {
              const committedThrough = store.passes.outcomesCommitted(pass.passId);
              for (const entry of batch) {
                if (committedThrough !== undefined && compareStreamIds(entry.entryId, committedThrough) <= 0) continue;
                if (entry.kind === 'step') commitStep(target, entry.step);
                else commitOutcome(target, entry.outcome, entry.rowIds);
              }
              run.writer.flush();
              if (committedThrough === undefined || compareStreamIds(through, committedThrough) > 0) store.passes.saveOutcomesCommitted(pass.passId, through);
            });
          },
          commit: () => run.writer.flush(),
          lost(_jobId, rowIds, error) {
            for (const id of rowIds) {
              if (target.committed.has(id)) continue;
              target.committed.add(id);
              recordFailure(run, { id, error, errorClass: 'worker-error' });
            }
          },
          warn,
          restore: publish,
          again: (jobId, job) => jobOf(jobId, job.rows),
        },
        workersAlive: async () => (await readWorkerLoad(redis, prefix, pass.passId)).workers,
      });
      const jobOf = (jobId: string, rows: PendingRow[]): DispatchJob => {
        const job: DispatchJob = { version: 1, recipe: keys.recipe, run: runId, rows };
        if (pass.command !== undefined || pass.agent === undefined) return job;
        // An agent's steps are streamed back as they are recorded, and committed here at once.
        const loop = store.agentLoops.unsettledSteps({ passId: pass.passId, rowIds: rows.map((row) => row.id) });
        return { ...job, ...(loop === undefined ? {} : { loop }), steps: keys.steps(jobId) };
      };
      // The same concurrency means the same wherever the work runs: as many dispatches under way as the local pool would have.
      const structured = pass.command === undefined && pass.agent === undefined && pass.worker === undefined;
      const atOnce = Math.min(maxQueuedDispatches, structured ? structuredWorkers(pass.concurrency, { chargesMaxTokensUpFront: pass.model.chargesMaxTokensUpFront === true }) : pass.concurrency);
      // Failures are listed in table order, as they would be planned: outcomes come back in any order.
      const planned = new Map<string, number>();
      const warnings = pass.model !== undefined && pass.worker === undefined ? schemaWarnings(pass.model.languageModel.provider, pass.schema, { batched: pass.batchSize !== 1 }) : [];
      return {
        warnings,
        async answer(dispatches) {
          const onStop = () => void channel.stop(run.stopped);
          run.signal.addEventListener('abort', onStop, { once: true });
          // The calls in flight are on the workers: the progress line learns them from their heartbeats, from the start.
          let finished = false;
          const sampleWorkers = () =>
            readWorkerLoad(redis, prefix, pass.passId)
              .then(({ workers, inFlight }) => {
                if (!finished) run.events.emit({ type: 'workers-sample', passId: pass.passId, workers, inFlight });
              })
              .catch(() => {});
          await sampleWorkers();
          const sample = setInterval(sampleWorkers, sampleMs);
          try {
            // What a killed coordinator left: the dispatches still queued (awaited, not sent again), then
            // every outcome delivered so far committed, before any row is planned.
            const adopted = await channel.adopt();
            await channel.caughtUp();
            const queued = new Set(adopted.flatMap(({ rowIds }) => rowIds));
            const source = {
              next(): PendingRow[] | undefined {
                for (;;) {
                  const next = dispatches.next();
                  if (next.done === true) return undefined;
                  const rows = next.value.filter((row) => !queued.has(row.id));
                  for (const row of rows) planned.set(row.id, planned.size);
                  if (rows.length > 0) return rows;
                }
              },
            };
            await Promise.all([
              runPool({
                workers: atOnce,
                source,
                execute: async (rows) => {
                  const fromCache = cachedState === undefined ? undefined : await answerFromCache(cachedState, rows);
                  if (fromCache !== undefined) return fromCache;
                  const jobId = dispatchJobId(store_, pass.passId, rows.map((row) => row.id));
                  await channel.dispatch(jobId, jobOf(jobId, rows));
                  return [];
                },
                abortSignal: run.signal,
              }),
              ...adopted.map(({ outcome }) => outcome),
            ]);
            if (run.signal.aborted) await channel.stop(run.stopped);
            const order = (rowId: string) => planned.get(rowId) ?? Number.MAX_SAFE_INTEGER;
            run.failures.sort((left, right) => order(left.id) - order(right.id));
          } finally {
            finished = true;
            clearInterval(sample);
            // None of the run's dispatches is awaited any more.
            run.events.emit({ type: 'workers-sample', passId: pass.passId, workers: 0, inFlight: 0 });
            run.signal.removeEventListener('abort', onStop);
          }
        },
        async close() {
          await channel.close();
          cache?.flush();
          local.delete(pass.passId);
          // What is left (outcomes and dispatches of a stopped run, for the next) is kept a week.
          await redis
            .multi()
            .hset(keys.recipe, 'ended', Date.now())
            .pexpire(keys.results, passKeysTtlMs)
            .pexpire(keys.jobs, passKeysTtlMs)
            .exec()
            .catch(() => {});
        },
      };
    },
  });

  return {
    ...backend(undefined),
    forTask: (task) => backend(task),
    async connect() {
      await connect();
    },
    async close() {
      if (connecting === undefined) return;
      const { redis, shared, own, worker } = await connecting.catch(() => ({}) as Partial<Connection>);
      await worker?.close();
      await shared?.close();
      await own?.close();
      redis?.disconnect();
    },
  };
}
