import type { Redis } from 'ioredis';
import { parseUntrustedJson } from '../../json/parse-untrusted-json.ts';
import type { PassStop } from '../../pass/pass-result.ts';
import type { JobOutcome } from '../job-outcome.ts';
import { passRecipeSchema } from '../pass-recipe.ts';
import { openWorkerPass, type WorkerPass } from './open-worker-pass.ts';
import { createJobRecording } from './job-recording.ts';
import type { WorkerEnvironment } from './worker-environment.ts';

/** A pass as a job holds it, until `release`. */
export interface HeldPass {
  pass: WorkerPass;
  /** The stream its outcomes go to. */
  readonly results: string;
  /** The coordinator stopped this run: the job's rows are left pending. */
  readonly stopped: boolean;
  release(): void;
}

/** The passes a worker holds, built from their recipes on first use and followed while they run. */
export interface WorkerPasses {
  /**
   * The pass of the recipe at `recipeKey`, for a job enqueued by run `runId`; rejects when Redis has
   * no such recipe (yet: the job is retried).
   */
  hold(recipeKey: string, runId: string): Promise<HeldPass>;
  /** Jobs under way, and their calls in flight, per pass id, for the worker's heartbeat. */
  activity(): { jobs: Record<string, number>; calls: Record<string, number> };
  close(): Promise<void>;
}

interface Entry {
  runId: string;
  results: string;
  pass: WorkerPass;
  jobs: number;
  lastUsed: number;
  stopped: boolean;
  /** A newer run of the pass started: new jobs build its pass anew. */
  superseded: boolean;
}

// How often a worker looks whether the passes it holds were stopped or started again.
const followMs = 500;
// A pass no job used for this long is let go (its tools closed).
const idleMs = 60_000;

/**
 * Keeps the worker's passes by recipe key. A recipe this worker cannot build (a key, a function
 * or an agent type it lacks, or a recipe of another Swarm version) becomes a pass whose every job
 * stops the run, saying why: the coordinator shows it rather than waiting for workers that cannot help.
 */
export function createWorkerPasses(redis: Redis, environment: WorkerEnvironment): WorkerPasses {
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<Entry>>();

  const load = async (recipeKey: string): Promise<Entry> => {
    const [json, runId, stopped, results] = await redis.hmget(recipeKey, 'recipe', 'run', 'stopped', 'results');
    if (json === null || runId === null || results === null) throw new Error(`no recipe at ${recipeKey} (yet): the coordinator writes it before enqueueing`);
    const parsed = parseUntrustedJson(json);
    const checked = parsed.ok ? passRecipeSchema.safeParse(parsed.value) : undefined;
    let pass: WorkerPass;
    if (checked?.success !== true) pass = stoppingPass(environment, runId, `the recipe at ${recipeKey} is not one this worker reads (another Swarm version?)`);
    else {
      try {
        pass = await openWorkerPass(checked.data, environment);
      } catch (error) {
        pass = stoppingPass(environment, runId, environment.secrets.redact((error as Error)?.message ?? String(error)));
      }
    }
    const entry: Entry = { runId, results, pass, jobs: 0, lastUsed: Date.now(), stopped: stopped !== null, superseded: false };
    // The pass it replaces closes now if idle, else when its last job is released (closing it would end those jobs' tools).
    const previous = entries.get(recipeKey);
    if (previous !== undefined) {
      previous.superseded = true;
      if (previous.jobs === 0) previous.pass.close().catch(() => {});
    }
    entries.set(recipeKey, entry);
    return entry;
  };

  const follow = async () => {
    const now = Date.now();
    for (const [recipeKey, entry] of entries) {
      if (entry.jobs === 0 && (entry.superseded || now - entry.lastUsed > idleMs)) {
        entries.delete(recipeKey);
        entry.pass.close().catch(() => {});
        continue;
      }
      if (entry.superseded) continue;
      const [runId, stopped] = await redis.hmget(recipeKey, 'run', 'stopped');
      if (runId !== entry.runId) entry.superseded = true;
      else if (stopped !== null && !entry.stopped) {
        entry.stopped = true;
        const parsed = parseUntrustedJson(stopped);
        entry.pass.stop(parsed.ok ? (parsed.value as PassStop) : { reason: 'aborted', message: 'the coordinator stopped the pass' });
      }
    }
  };
  let following = false;
  const timer = setInterval(() => {
    if (following) return;
    following = true;
    follow()
      .catch(() => {})
      .finally(() => (following = false));
  }, followMs);
  timer.unref();

  return {
    async hold(recipeKey, runId) {
      let entry = entries.get(recipeKey);
      // A job of another run than the one held: the pass may have started again since (or the job is older, and the run held is current).
      if (entry !== undefined && !entry.superseded && entry.runId !== runId && (await redis.hget(recipeKey, 'run')) !== entry.runId) entry.superseded = true;
      if (entry === undefined || entry.superseded) {
        let pending = loading.get(recipeKey);
        if (pending === undefined) {
          pending = load(recipeKey).finally(() => loading.delete(recipeKey));
          loading.set(recipeKey, pending);
        }
        entry = await pending;
      }
      const held = entry;
      held.jobs++;
      held.lastUsed = Date.now();
      let released = false;
      return {
        pass: held.pass,
        results: held.results,
        get stopped() {
          return held.stopped;
        },
        release() {
          if (released) return;
          released = true;
          held.jobs--;
          held.lastUsed = Date.now();
          if (held.jobs === 0 && entries.get(recipeKey) !== held) held.pass.close().catch(() => {});
        },
      };
    },
    activity() {
      const jobs: Record<string, number> = {};
      const calls: Record<string, number> = {};
      for (const entry of entries.values()) {
        if (entry.jobs === 0) continue;
        const { passId } = entry.pass;
        jobs[passId] = (jobs[passId] ?? 0) + entry.jobs;
        calls[passId] = (calls[passId] ?? 0) + entry.pass.callsInFlight();
      }
      return { jobs, calls };
    },
    async close() {
      clearInterval(timer);
      await Promise.all([...entries.values()].map((entry) => entry.pass.close().catch(() => {})));
      entries.clear();
    },
  };
}

/** A pass this worker cannot run: each job hands back nothing done, and a stop saying why. */
function stoppingPass(environment: WorkerEnvironment, runId: string, problem: string): WorkerPass {
  const stop: PassStop = { reason: 'worker', message: `worker ${environment.id} cannot run the pass: ${problem}` };
  return {
    passId: '',
    runId,
    callsInFlight: () => 0,
    runJob: async (rows): Promise<JobOutcome> => createJobRecording({ rowIds: rows.map((row) => row.id), resumed: undefined }).outcome(environment.id, stop),
    stop() {},
    close: async () => {},
  };
}
