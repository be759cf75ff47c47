/**
 * The Redis names of one store's distributed work under a prefix. BullMQ keeps its queues under the
 * same prefix; everything Swarm adds is namespaced by the store too, so stores sharing a Redis
 * (and passes of the same id in different stores) never meet.
 */
export interface PassKeys {
  /** A hash: `recipe` (how workers answer the pass), `run` (the coordinator's run id), `stopped` (why the run stopped). */
  recipe: string;
  /** A stream: outcomes of dispatches, written by workers, read and deleted by the coordinator once committed. */
  results: string;
  /** A hash: job id → row ids of every dispatch enqueued and not yet committed (what a restarted coordinator adopts). */
  jobs: string;
  /** A hash: the run's shared budget, when the pass has caps. */
  budget(runId: string): string;
  /** A list: the agent loop steps a job's workers recorded, in order, until its outcome is committed. */
  steps(jobId: string): string;
}

/** How long a pass's recipe, outcomes, dispatch index and steps lists are kept after their last write (a week): for the run after a stopped one. */
export const passKeysTtlMs = 7 * 86_400_000;

/** The queue every worker takes dispatches from. */
export const sharedQueueName = 'dispatches';

/** The queue of one process's own worker: dispatches whose model or function exists only in that process. */
export function processQueueName(processId: string): string {
  return `dispatches-${processId}`;
}

/** The keys of pass `passId` of store `storeId`. */
export function passKeys(prefix: string, storeId: string, passId: string): PassKeys {
  const base = `${prefix}:pass:${storeId}:${passId}`;
  return {
    recipe: `${base}:recipe`,
    results: `${base}:results`,
    jobs: `${base}:jobs`,
    budget: (runId) => `${base}:budget:${runId}`,
    steps: (jobId) => `${base}:steps:${jobId}`,
  };
}

/** The hash of connected workers: worker id → its latest heartbeat (JSON). */
export function workersKey(prefix: string): string {
  return `${prefix}:workers`;
}
