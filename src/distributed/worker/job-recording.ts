import type { ResponseCache } from '../../cache/response-cache.ts';
import { createEventBus, type EventBus } from '../../events/event-bus.ts';
import type { PassUsage } from '../../recorder/pass-usage.ts';
import type { AttemptRecord, ResultWriter, RowFailure } from '../../recorder/result-writer.ts';
import type { AgentLoopOperations, AgentStepRecord } from '../../store/operations/agent-loops.ts';
import { forwardedEventTypes, type JobOutcome } from '../job-outcome.ts';

/**
 * Everything one dispatch records on a worker, kept for its outcome instead of a store: the
 * writer, the cache's new answers, the events, the agent loops and the usage of the job's own
 * pass state (see `jobStateOf`).
 */
export interface JobRecording {
  writer: ResultWriter;
  /** Answers nothing (the cache is the coordinator's); keeps what would be written to it. */
  cache: ResponseCache;
  events: EventBus;
  /** An agent loop of the job's rows resumes from `resumed` (the steps an earlier run recorded); new steps are kept. */
  loops: AgentLoopOperations;
  usage: PassUsage;
  /** Calls sent and not yet answered, counted as the progress line counts them (a cached answer is none). */
  readonly callsInFlight: number;
  /** The outcome to hand back; `stop` when the pass must stop. */
  outcome(worker: string, stop: JobOutcome['stop']): JobOutcome;
}

const forwarded = new Set<string>(forwardedEventTypes);

/** Creates the recording of a dispatch of `rowIds`; `resumed` are the steps of its unsettled agent loop, if any. */
export function createJobRecording({ rowIds, resumed }: { rowIds: readonly string[]; resumed: AgentStepRecord[] | undefined }): JobRecording {
  const done: JobOutcome['done'] = [];
  const failed: RowFailure[] = [];
  const attempts: AttemptRecord[] = [];
  const cached: JobOutcome['cache'] = [];
  const events: JobOutcome['events'] = [];
  const loops: JobOutcome['loops'] = [];
  const usage: PassUsage = { calls: 0, rateLimited: 0, retries: 0, cached: 0, inputTokens: 0, outputTokens: 0, cost: undefined };
  let callsInFlight = 0;
  const bus = createEventBus();
  bus.subscribe((event) => {
    if (forwarded.has(event.type)) events.push(event);
    if (event.type === 'dispatch-start') callsInFlight++;
    else if (event.type === 'dispatch-end' && event.cached !== true) callsInFlight = Math.max(0, callsInFlight - 1);
  });
  const jobRows = JSON.stringify(rowIds);
  return {
    writer: {
      done: (id, output) => void done.push({ id, output }),
      failed: (failure) => void failed.push(failure),
      attempt: (record) => void attempts.push(record),
      flush() {},
    },
    cache: {
      get: () => undefined,
      put: (key, response) => void cached.push({ key, text: response.text, usage: response.usage }),
      flush() {},
    },
    events: bus,
    loops: {
      open({ rowIds: loopRows }) {
        loops.push({ rowIds: [...loopRows], steps: [], settled: false });
        // Only the loop of the dispatch's own rows was recorded before; a row retried alone starts afresh.
        const steps = JSON.stringify(loopRows) === jobRows ? (resumed ?? []) : [];
        return { loopId: loops.length - 1, steps };
      },
      unsettledSteps: () => undefined,
      record: (loopId, step) => void loops[loopId]!.steps.push(step),
      settle(loopId) {
        loops[loopId]!.settled = true;
      },
      transcript: () => [],
    },
    usage,
    get callsInFlight() {
      return callsInFlight;
    },
    outcome: (worker, stop) => ({
      version: 1,
      worker,
      done,
      failed: failed.map(({ id, error, errorClass, rawOutput }) => ({ id, error, errorClass, ...(rawOutput === undefined ? {} : { rawOutput }) })),
      attempts: attempts.map((record) => ({ ...record, rowIds: [...record.rowIds] })),
      cache: cached,
      events,
      loops,
      usage,
      ...(stop === undefined ? {} : { stop }),
    }),
  };
}
