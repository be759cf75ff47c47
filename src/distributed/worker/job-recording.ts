import type { ResponseCache } from '../../cache/response-cache.ts';
import { createEventBus, type EventBus } from '../../events/event-bus.ts';
import type { PassUsage } from '../../recorder/pass-usage.ts';
import type { AttemptRecord, ResultWriter, RowFailure } from '../../recorder/result-writer.ts';
import type { AgentLoopOperations, AgentStepRecord } from '../../store/operations/agent-loops.ts';
import { forwardedEventTypes, type JobOutcome, type StreamedStep } from '../job-outcome.ts';

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
  /** Resolves once every step recorded so far has been streamed, or refused. */
  stepsSent(): Promise<void>;
  /** The outcome to hand back (its loops carry the steps not streamed); `stop` when the pass must stop. */
  outcome(worker: string, stop: JobOutcome['stop']): JobOutcome;
}

const forwarded = new Set<string>(forwardedEventTypes);

/**
 * Creates the recording of a dispatch of `rowIds`; `resumed` are the steps of its unsettled agent
 * loop, if any. `streamStep` hands each step back as it is recorded, one after another in order
 * (true: delivered); a step it could not deliver goes back with the outcome instead.
 */
export function createJobRecording({
  rowIds,
  resumed,
  streamStep,
}: {
  rowIds: readonly string[];
  resumed: AgentStepRecord[] | undefined;
  streamStep?: (step: StreamedStep) => Promise<boolean>;
}): JobRecording {
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
  const streamed = new Set<AgentStepRecord>();
  let sending = Promise.resolve();
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
      record(loopId, step) {
        const loop = loops[loopId]!;
        loop.steps.push(step);
        if (streamStep === undefined) return;
        sending = sending.then(() =>
          streamStep({ rowIds: loop.rowIds, step }).then(
            (delivered) => void (delivered && streamed.add(step)),
            () => {},
          ),
        );
      },
      settle(loopId) {
        loops[loopId]!.settled = true;
      },
      transcript: () => [],
    },
    usage,
    get callsInFlight() {
      return callsInFlight;
    },
    stepsSent: () => sending,
    outcome: (worker, stop) => ({
      version: 1,
      worker,
      done,
      failed: failed.map(({ id, error, errorClass, rawOutput }) => ({ id, error, errorClass, ...(rawOutput === undefined ? {} : { rawOutput }) })),
      attempts: attempts.map((record) => ({ ...record, rowIds: [...record.rowIds] })),
      cache: cached,
      events,
      loops: loops.map((loop) => ({ ...loop, steps: loop.steps.filter((step) => !streamed.has(step)) })),
      usage,
      ...(stop === undefined ? {} : { stop }),
    }),
  };
}
