import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { parseUntrustedJson } from '../../json/parse-untrusted-json.ts';
import type { DispatchJob } from '../dispatch-job.ts';
import type { PassKeys } from '../distributed-keys.ts';
import { jobOutcomeSchema, streamedStepSchema, type JobOutcome, type StreamedStep } from '../job-outcome.ts';

/**
 * One run's connection to the queue: it enqueues dispatches under idempotent job ids, remembers
 * each in an index (so that a coordinator started after this one adopts them instead of enqueueing
 * them again), reads the outcomes workers deliver, and looks after what the queue alone would lose
 * (a job failed for good, a job gone with a Redis that restarted empty). A pass run uses one (a
 * plan's task is a pass run of its own, its one dispatch enqueued as the task becomes ready).
 */
export interface DispatchChannel {
  /**
   * Enqueues a dispatch (once: an id already enqueued is only awaited) and resolves with its
   * outcome once a worker delivered it and `apply` committed it; undefined when the run stopped first.
   */
  dispatch(jobId: string, job: DispatchJob): Promise<JobOutcome | undefined>;
  /**
   * The dispatches an earlier run enqueued and nobody committed, that are still in the queue:
   * awaited like this run's own. Call before `caughtUp`: a dispatch that finishes after this looked
   * is awaited, one that finished before has its outcome in the stream.
   */
  adopt(): Promise<Array<{ jobId: string; rowIds: string[]; outcome: Promise<JobOutcome | undefined> }>>;
  /** Resolves once every outcome delivered before the call (a killed coordinator's among them) is committed. */
  caughtUp(): Promise<void>;
  /** Stops the run: no worker starts its waiting dispatches, those under way are told to stop; resolves once every dispatch is settled or abandoned. */
  stop(stop: unknown): Promise<void>;
  close(): Promise<void>;
}

/** One outcome as read from the stream. */
export interface ReadOutcome {
  kind: 'outcome';
  /** Its id in the outcomes stream (`<ms>-<seq>`, increasing). */
  entryId: string;
  jobId: string;
  outcome: JobOutcome;
  /** The job's rows when this run enqueued or adopted it; undefined for a job it does not know (delivered twice, or from a run before the last one). */
  rowIds: string[] | undefined;
}

/** One agent loop step as read from the stream: a worker streamed it as its loop recorded it, ahead of the job's outcome. */
export interface ReadStep {
  kind: 'step';
  entryId: string;
  jobId: string;
  step: StreamedStep;
}

/** How a channel's outcomes are committed. */
export interface OutcomeSink {
  /**
   * Commits a batch of outcomes and steps, in stream order, durably, before they are deleted from
   * Redis; `through` is the last entry read. A crash before the deletion reads them again: the sink
   * must know them for committed.
   */
  commitBatch(batch: Array<ReadOutcome | ReadStep>, through: string): void;
  /** Commits what `lost` queued. */
  commit(): void;
  /** A job failed for good (every attempt): its rows are failed with `error`. */
  lost(jobId: string, rowIds: string[], error: string): void;
  /** Something the user should know (an outcome that could not be read, no worker connected). */
  warn(message: string): void;
  /** The run's recipe is gone from Redis (it restarted empty): write it again. */
  restore(): Promise<void>;
  /** A dispatch as it is enqueued again (failed for good, or lost with Redis): an agent's loop resumes from the steps committed since. */
  again(jobId: string, job: DispatchJob): DispatchJob;
}

interface Entry {
  rowIds: string[];
  job: DispatchJob | undefined;
  resolve: (outcome: JobOutcome | undefined) => void;
  outcome: Promise<JobOutcome | undefined>;
  missingSince: number | undefined;
  resent: number;
}

const jobOptions = { removeOnComplete: true, removeOnFail: false, attempts: 3, backoff: { type: 'exponential', delay: 1_000 } } as const;
// How often the queue is checked for dispatches it lost or failed for good.
const reconcileMs = 2_000;
// A dispatch missing from the queue this long with no outcome is enqueued again.
const missingForMs = 4_000;
// A dispatch failed for good is enqueued again this many times before its rows fail.
const resendLimit = 2;
// Once stopped, dispatches under way get this long to hand back what they did.
const stopGraceMs = 2_000;
const readCount = 1_000;
const readBlockMs = 1_000;

/**
 * Opens the channel of one run on `queue`; `reader` is a connection of its own (it blocks on the
 * outcomes stream), closed with the channel.
 */
export function openDispatchChannel({
  redis,
  reader,
  queue,
  keys,
  sink,
  workersAlive,
}: {
  redis: Redis;
  reader: Redis;
  queue: Queue;
  keys: PassKeys;
  sink: OutcomeSink;
  /** How many workers said they were alive in the last seconds. */
  workersAlive: () => Promise<number>;
}): DispatchChannel {
  const entries = new Map<string, Entry>();
  let adding: Array<{ jobId: string; job: DispatchJob }> = [];
  let addScheduled = false;
  let closed = false;
  let stopped = false;

  const entryOf = (jobId: string, rowIds: string[], job: DispatchJob | undefined): Entry => {
    let resolve!: Entry['resolve'];
    const outcome = new Promise<JobOutcome | undefined>((done) => (resolve = done));
    const entry: Entry = { rowIds, job, resolve, outcome, missingSince: undefined, resent: 0 };
    entries.set(jobId, entry);
    return entry;
  };
  const settle = (jobId: string, outcome: JobOutcome | undefined) => {
    const entry = entries.get(jobId);
    if (entry === undefined) return;
    entries.delete(jobId);
    entry.resolve(outcome);
  };

  // Dispatches asked for in one turn of the event loop go in one index write and one addBulk.
  const flushAdds = async () => {
    addScheduled = false;
    const batch = adding;
    adding = [];
    if (batch.length === 0 || stopped) return;
    await redis.hset(keys.jobs, Object.fromEntries(batch.map(({ jobId, job }) => [jobId, JSON.stringify(job.rows.map((row) => row.id))])));
    await queue.addBulk(batch.map(({ jobId, job }) => ({ name: 'dispatch', data: job, opts: { ...jobOptions, jobId } })));
  };
  const enqueue = (jobId: string, job: DispatchJob) => {
    adding.push({ jobId, job });
    if (addScheduled) return;
    addScheduled = true;
    setImmediate(() => flushAdds().catch((error: unknown) => sink.warn(`could not enqueue dispatches: ${(error as Error).message}`)));
  };

  // Outcomes are read from the start of the stream: those a killed coordinator never committed come first.
  let lastId = '0';
  // Jobs whose outcome this run committed: adoption skips them (finished, or about to be).
  const applied = new Set<string>();
  // Waiting for the reader to pass a stream id: resolved once it has committed up to it.
  let catchUps: Array<{ id: string; resolve: () => void }> = [];
  const passed = (id: string) => compareStreamIds(lastId, id) >= 0;
  const read = async () => {
    while (!closed) {
      let reply: [string, [string, string[]][]][] | null;
      try {
        reply = (await reader.xread('COUNT', readCount, 'BLOCK', readBlockMs, 'STREAMS', keys.results, lastId)) as typeof reply;
      } catch (error) {
        if (closed) return;
        sink.warn(`could not read outcomes: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      const entriesRead = reply?.[0]?.[1] ?? [];
      if (entriesRead.length === 0) continue;
      const batch: Array<ReadOutcome | ReadStep> = [];
      const settled: ReadOutcome[] = [];
      for (const [id, fields] of entriesRead) {
        lastId = id;
        const jobId = fields[fields.indexOf('job') + 1];
        if (fields.includes('step')) {
          const parsed = parseUntrustedJson(fields[fields.indexOf('step') + 1] ?? '');
          const checked = parsed.ok ? streamedStepSchema.safeParse(parsed.value) : undefined;
          // A step not read is not lost for good: its outcome brings the loop's end, and the run after resumes the loop.
          if (jobId !== undefined && checked?.success === true) batch.push({ kind: 'step', entryId: id, jobId, step: checked.data });
          continue;
        }
        const text = fields[fields.indexOf('outcome') + 1];
        const parsed = text === undefined ? undefined : parseUntrustedJson(text);
        const checked = parsed?.ok ? jobOutcomeSchema.safeParse(parsed.value) : undefined;
        if (jobId === undefined || checked?.success !== true) {
          sink.warn(`an outcome of job ${jobId ?? '?'} could not be read (a worker of another Swarm version?): its rows are sent again`);
          continue;
        }
        const read: ReadOutcome = { kind: 'outcome', entryId: id, jobId, outcome: checked.data, rowIds: entries.get(jobId)?.rowIds };
        settled.push(read);
        batch.push(read);
        applied.add(jobId);
      }
      sink.commitBatch(batch, lastId);
      // Committed: the outcomes, index entries and steps lists can go. A crash before this only means reading them again.
      const ids = entriesRead.map(([id]) => id);
      const jobIds = settled.map(({ jobId }) => jobId);
      const cleanup = redis.multi().xdel(keys.results, ...ids);
      if (jobIds.length > 0) cleanup.hdel(keys.jobs, ...jobIds).del(...jobIds.map((jobId) => keys.steps(jobId)));
      await cleanup.exec().catch(() => {});
      for (const { jobId, outcome } of settled) settle(jobId, outcome);
      const caught = catchUps.filter(({ id }) => passed(id));
      catchUps = catchUps.filter(({ id }) => !passed(id));
      for (const { resolve } of caught) resolve();
    }
  };
  const reading = read().finally(() => {
    for (const { resolve } of catchUps.splice(0)) resolve();
  });

  // What the queue alone would lose: a dispatch failed for good, or gone with a Redis that restarted empty.
  let reconciling = false;
  let lonelySince: number | undefined;
  let warnedLonely = false;
  const reconcile = async () => {
    if (reconciling || closed || stopped) return;
    reconciling = true;
    try {
      if ((await redis.exists(keys.recipe)) === 0) await sink.restore();
      const pending = [...entries];
      const states = await Promise.all(pending.map(([jobId]) => redis.hmget(queue.toKey(jobId), 'finishedOn', 'failedReason', 'data')));
      const now = Date.now();
      for (const [index, [jobId, entry]] of pending.entries()) {
        if (!entries.has(jobId)) continue;
        const [finishedOn, failedReason, data] = states[index]!;
        if (data !== null && finishedOn !== null && failedReason !== null) {
          // Failed for good: a worker threw each time (not a row's failure: those are outcomes).
          await queue.remove(jobId).catch(() => 0);
          if (entry.resent < resendLimit && entry.job !== undefined) {
            entry.resent++;
            enqueue(jobId, sink.again(jobId, entry.job));
          } else {
            sink.lost(jobId, entry.rowIds, `every worker that took it failed: ${failedReason}`);
            sink.commit();
            await redis.hdel(keys.jobs, jobId).catch(() => 0);
            settle(jobId, undefined);
          }
        } else if (data === null) {
          // Not in the queue: completed (its outcome is on its way) or lost with Redis. Sent again if still missing later.
          entry.missingSince ??= now;
          if (now - entry.missingSince > missingForMs && entry.job !== undefined) {
            entry.missingSince = undefined;
            enqueue(jobId, sink.again(jobId, entry.job));
          }
        } else entry.missingSince = undefined;
      }
      if (entries.size > 0 && (await workersAlive()) === 0) {
        lonelySince ??= now;
        if (!warnedLonely && now - lonelySince > 10_000) {
          warnedLonely = true;
          sink.warn('no worker is connected to this Redis and prefix: start one with `swarm worker --redis URL`; the run waits for it');
        }
      } else lonelySince = undefined;
    } catch (error) {
      sink.warn(`could not check the queue: ${(error as Error).message}`);
    } finally {
      reconciling = false;
    }
  };
  const timer = setInterval(() => void reconcile(), reconcileMs);
  timer.unref();

  return {
    async caughtUp() {
      const [newest] = (await redis.xrevrange(keys.results, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
      if (newest === undefined || passed(newest[0]) || closed) return;
      await new Promise<void>((resolve) => catchUps.push({ id: newest[0], resolve }));
    },
    dispatch(jobId, job) {
      const existing = entries.get(jobId);
      if (existing !== undefined) return existing.outcome;
      if (stopped) return Promise.resolve(undefined);
      const entry = entryOf(
        jobId,
        job.rows.map((row) => row.id),
        job,
      );
      enqueue(jobId, job);
      return entry.outcome;
    },
    async adopt() {
      const listed = await redis.hgetall(keys.jobs);
      const jobIds = Object.keys(listed);
      const present = await Promise.all(jobIds.map((jobId) => redis.hget(queue.toKey(jobId), 'data')));
      const adopted: Array<{ jobId: string; rowIds: string[]; outcome: Promise<JobOutcome | undefined> }> = [];
      const gone: string[] = [];
      for (const [index, jobId] of jobIds.entries()) {
        const data = present[index];
        const rowIds = parseUntrustedJson(listed[jobId]!);
        // Its outcome is committed already: it is finishing, not to be awaited.
        if (applied.has(jobId)) continue;
        if (data === null || data === undefined || !rowIds.ok || !Array.isArray(rowIds.value)) {
          // Finished (its outcome is in the stream, read first) or lost: its rows are planned again if unanswered.
          gone.push(jobId);
          continue;
        }
        const parsed = parseUntrustedJson(data);
        const entry = entryOf(jobId, rowIds.value as string[], parsed.ok ? (parsed.value as DispatchJob) : undefined);
        adopted.push({ jobId, rowIds: entry.rowIds, outcome: entry.outcome });
      }
      if (gone.length > 0) await redis.hdel(keys.jobs, ...gone);
      return adopted;
    },
    async stop(stop) {
      if (stopped) return;
      stopped = true;
      await redis.hset(keys.recipe, 'stopped', JSON.stringify(stop)).catch(() => 0);
      // Waiting dispatches are taken out of the queue; their rows stay pending. Those under way are locked.
      const removals = await Promise.all([...entries.keys()].map(async (jobId) => [jobId, await queue.remove(jobId).catch(() => 0)] as const));
      const removed = removals.filter(([, count]) => count === 1).map(([jobId]) => jobId);
      if (removed.length > 0) await redis.hdel(keys.jobs, ...removed).catch(() => 0);
      for (const jobId of removed) settle(jobId, undefined);
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all([...entries.values()].map((entry) => entry.outcome)), new Promise((resolve) => (grace = setTimeout(resolve, stopGraceMs)))]);
      clearTimeout(grace);
      // Abandoned: their outcomes, if they come, are committed by the next run.
      for (const jobId of [...entries.keys()]) settle(jobId, undefined);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      reader.disconnect();
      await reading.catch(() => {});
      for (const jobId of [...entries.keys()]) settle(jobId, undefined);
    },
  };
}

/** Orders two stream ids (`<ms>-<seq>`). */
export function compareStreamIds(left: string, right: string): number {
  const [leftMs, leftSeq] = left.split('-').map(Number) as [number, number | undefined];
  const [rightMs, rightSeq] = right.split('-').map(Number) as [number, number | undefined];
  return leftMs !== rightMs ? leftMs - rightMs : (leftSeq ?? 0) - (rightSeq ?? 0);
}
