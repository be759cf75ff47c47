import { randomBytes } from 'node:crypto';
import type { SwarmContext } from '../context/swarm-context.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { createEventBus } from '../events/event-bus.ts';
import type { StoredRun } from '../store/operations/runs.ts';
import { toWireError } from '../wire-error/wire-error.ts';
import type { RunEvent, SequencedEvent } from './run-event.ts';
import type { RunKind } from './run-kind.ts';
import { createRunLog, type RunLog } from './run-log.ts';
import type { EndStatus, RunManager } from './run-manager.ts';
import { trackProgress, type RunProgress } from './run-progress.ts';
import type { RunView } from './run-view.ts';
import { RunsStoppingError } from './runs-stopping-error.ts';

/** Options of `createRunManager`. */
export interface RunManagerOptions {
  /** The engine context runs use; each run gets a copy with an event bus of its own. */
  context: SwarmContext;
  /** The kinds of run it starts: pass, parallel, task-file, plan, research (see `runKinds`). */
  kinds: readonly RunKind<any, any>[];
  /** Events kept per run for readers resuming a stream. Default 20000. */
  retainedEvents?: number;
  /** Ended runs whose events stay readable in memory. Default 200. */
  keptEndedRuns?: number;
  /** How often a run's limiter state is sampled into its stream. Default 500. */
  limiterSampleMs?: number;
  /** Receives one line per run start and end (the daemon's log). */
  log?: (line: string) => void;
}

interface LiveRun {
  id: string;
  kind: string;
  createdAt: number;
  controller: AbortController;
  cancelled: boolean;
  started: boolean;
  whenStarted: Promise<void>;
  /** The error that refused a run before it started (it is then forgotten). */
  refusal?: { error: unknown };
  log: RunLog;
  progress: RunProgress;
  settled: Promise<void>;
}

const listLimit = 100;

/**
 * Creates the run manager of one store. Each run is recorded in the store when it starts and when
 * it ends; its events go to a log in memory that any number of streams read at their own pace.
 * Runs of a process that died are taken over by `resumeAbandoned`.
 */
export function createRunManager({ context, kinds, retainedEvents = 20_000, keptEndedRuns = 200, limiterSampleMs = 500, log = () => {} }: RunManagerOptions): RunManager {
  const { store } = context;
  const owner = store.runs.newOwner();
  const kindsByName = new Map(kinds.map((kind) => [kind.name, kind]));
  const live = new Map<string, LiveRun>();
  const endedLogs = new Map<string, RunLog>();
  let stopping = false;

  const launch = (kind: RunKind<any, any>, id: string, request: unknown, createdAt: number, { refusable }: { refusable: boolean }): LiveRun => {
    const bus = createEventBus();
    const runLog = createRunLog({ retained: retainedEvents });
    let markStarted = () => {};
    const run: LiveRun = {
      id,
      kind: kind.name,
      createdAt,
      controller: new AbortController(),
      cancelled: false,
      started: false,
      whenStarted: new Promise<void>((resolve) => (markStarted = resolve)),
      log: runLog,
      progress: { total: 0, done: 0, failed: 0 },
      settled: Promise.resolve(),
    };
    const samplers = new Map<string, NodeJS.Timeout>();
    const record = (event: RunEvent) => {
      trackProgress(run.progress, event);
      runLog.append(event);
    };
    const sample = (limiterKey: string) => {
      const limiter = context.limiters.find(limiterKey)?.snapshot();
      if (limiter !== undefined) record({ type: 'limiter-sample', limiterKey, limiter });
    };
    bus.subscribe((event) => {
      if (!run.started) {
        run.started = true;
        markStarted();
      }
      record(event);
      if (event.type === 'pass-start' && event.limiterKey !== undefined) {
        const limiterKey = event.limiterKey;
        sample(limiterKey);
        samplers.set(event.passId, setInterval(() => sample(limiterKey), limiterSampleMs).unref());
      }
      if (event.type === 'pass-end') clearInterval(samplers.get(event.passId));
    });
    record({ type: 'run-start', runId: id, kind: kind.name });
    live.set(id, run);
    const work = Promise.resolve().then(() => kind.execute({ ...context, events: bus }, request, { id, abortSignal: run.controller.signal, emit: record }));
    const stopSampling = () => {
      for (const timer of samplers.values()) clearInterval(timer);
    };
    run.settled = work.then(
      (result) => {
        stopSampling();
        finish(run, { result });
      },
      (error) => {
        stopSampling();
        finish(run, { error, refusable });
      },
    );
    return run;
  };

  const finish = (run: LiveRun, outcome: { result: unknown } | { error: unknown; refusable: boolean }) => {
    live.delete(run.id);
    try {
      recordEnd(run, outcome);
    } catch (error) {
      // The store went away under the run (closed at exit): its end is not recorded; it resumes.
      log(`run ${run.id} (${run.kind}): its end could not be recorded: ${context.secrets.redact((error as Error)?.message ?? String(error))}`);
    } finally {
      run.log.close();
    }
  };

  const recordEnd = (run: LiveRun, outcome: { result: unknown } | { error: unknown; refusable: boolean }) => {
    if ('error' in outcome && outcome.refusable && !run.started) {
      // Refused before any work: the caller is told, and no run is kept.
      run.refusal = { error: outcome.error };
      store.runs.remove(run.id);
      return;
    }
    if (stopping && !run.cancelled) {
      // Stopped with the process: left running in the store, for the next process to resume.
      log(`run ${run.id} (${run.kind}) interrupted by the stop; it resumes on the next start`);
      return;
    }
    const status: EndStatus = run.cancelled ? 'cancelled' : 'error' in outcome ? 'failed' : 'completed';
    const error = 'error' in outcome ? toWireError(outcome.error, context.secrets.redact) : undefined;
    const result = 'result' in outcome ? outcome.result : undefined;
    store.runs.end(run.id, { status, result, error, at: Date.now() });
    run.log.append({ type: 'run-end', runId: run.id, status, ...(result === undefined ? {} : { result }), ...(error === undefined ? {} : { error }) });
    endedLogs.set(run.id, run.log);
    for (const id of endedLogs.keys()) {
      if (endedLogs.size <= keptEndedRuns) break;
      endedLogs.delete(id);
    }
    const { done, failed } = run.progress;
    log(`run ${run.id} (${run.kind}) ${status}: ${done} done, ${failed} failed${error === undefined ? '' : `; ${error.name}: ${error.message}`}`);
  };

  const viewOf = (id: string): RunView => {
    const run = live.get(id);
    if (run !== undefined) {
      return { id, kind: run.kind, status: run.cancelled ? 'cancelled' : 'running', createdAt: run.createdAt, updatedAt: Date.now(), progress: { ...run.progress } };
    }
    const stored = store.runs.get(id);
    if (stored === undefined) throw new NotFoundError('run', id, 'See GET /runs for the runs of this store');
    return storedView(stored);
  };

  return {
    async start(kindName, request) {
      if (stopping) throw new RunsStoppingError();
      const kind = kindsByName.get(kindName);
      if (kind === undefined) throw new InvalidInputError(`unknown run kind ${JSON.stringify(kindName)}; known: ${[...kindsByName.keys()].join(', ')}`);
      const parsed = kind.parse(request);
      const id = `run-${randomBytes(6).toString('hex')}`;
      const now = Date.now();
      store.runs.insert({ id, kind: kind.name, request: parsed, owner, at: now });
      const run = launch(kind, id, parsed, now, { refusable: true });
      log(`run ${id} (${kind.name}) started`);
      // Its first engine event says it has started; ending first, it may have been refused.
      await Promise.race([run.whenStarted, run.settled]);
      if (run.refusal !== undefined) throw run.refusal.error;
      return viewOf(id);
    },
    get: viewOf,
    list({ limit = listLimit, before } = {}) {
      const page = store.runs.list({ limit: Math.min(limit, listLimit) + 1, before });
      // A listing leaves results out (a fan-out's holds every answer): GET /runs/{id} has them.
      const runs = page.slice(0, Math.min(limit, listLimit)).map((stored) => {
        const { result: _, ...view } = live.has(stored.id) ? viewOf(stored.id) : storedView(stored);
        return view;
      });
      return page.length > runs.length ? { runs, next: runs.at(-1)!.id } : { runs };
    },
    cancel(id) {
      const run = live.get(id);
      if (run === undefined) {
        const view = viewOf(id);
        if (view.status === 'running') throw new InvalidInputError(`run ${id} is not running in this process (another process runs it, or it resumes when Swarm starts again)`);
        return view;
      }
      run.cancelled = true;
      run.controller.abort(new Error('the run was cancelled'));
      return viewOf(id);
    },
    async *events(id, { afterId = 0, signal }) {
      const runLog = live.get(id)?.log ?? endedLogs.get(id);
      if (runLog !== undefined) {
        yield* runLog.follow(afterId, signal);
        return;
      }
      // Ended before this process kept its events: its end, from the store.
      const view = viewOf(id);
      if (view.status !== 'running' && afterId < 1) {
        yield { id: 1, event: { type: 'run-end', runId: id, status: view.status, ...(view.result === undefined ? {} : { result: view.result }), ...(view.error === undefined ? {} : { error: view.error }) } } satisfies SequencedEvent;
      }
    },
    async settled(id, signal) {
      const run = live.get(id);
      if (run !== undefined) {
        await new Promise<void>((resolve) => {
          signal?.addEventListener('abort', () => resolve(), { once: true });
          void run.settled.then(resolve);
        });
      }
      return viewOf(id);
    },
    active() {
      return [...live.keys()].map(viewOf);
    },
    resumeAbandoned() {
      const resumed: RunView[] = [];
      for (const stored of store.runs.takeAbandoned(owner, Date.now())) {
        const kind = kindsByName.get(stored.kind);
        if (kind === undefined) {
          store.runs.end(stored.id, { status: 'failed', error: { name: 'InvalidInputError', message: `this Swarm cannot run a run of kind ${JSON.stringify(stored.kind)}` }, at: Date.now() });
          continue;
        }
        log(`run ${stored.id} (${stored.kind}) resumed`);
        launch(kind, stored.id, stored.request, stored.createdAt, { refusable: false });
        resumed.push(viewOf(stored.id));
      }
      return resumed;
    },
    async stop({ timeoutMs = 10_000 } = {}) {
      stopping = true;
      const runs = [...live.values()];
      for (const run of runs) run.controller.abort(new Error('Swarm is stopping'));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(runs.map((run) => run.settled)), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
    },
  };
}

function storedView(stored: StoredRun): RunView {
  return {
    id: stored.id,
    kind: stored.kind,
    status: stored.status,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    ...(stored.result === undefined ? {} : { result: stored.result }),
    ...(stored.error === undefined ? {} : { error: stored.error }),
  };
}
