import type { SwarmContext } from '../context/swarm-context.ts';
import type { SwarmEvent } from '../events/swarm-event.ts';
import type { Plan, PlanResult, PlanTask, PlanTaskKind } from '../plan/plan.ts';
import { planJson, type StoredPlan } from '../plan/plan-fingerprint.ts';
import { taskKindOf } from '../plan/task-kind.ts';
import type { StoredPlanRun } from '../store/operations/plan-runs.ts';
import { createTable } from '../table/create-table.ts';
import { PlanBusyError } from './plan-busy-error.ts';
import { scheduleTasks, type ScheduledTask, type TaskOutcome, type TaskState } from './schedule-tasks.ts';
import type { TaskRunner } from './task-runner.ts';
import { growPlanRun, planAsStored, type GrowingRun, type PlanAdapter } from './grow-plan-run.ts';

/** One run of a plan, ready to go: its id, its checked plan, and how its tasks are done and scheduled. */
export interface PlanRunSetup {
  id: string;
  plan: Plan;
  /** Where the run came from (`{ kind: 'plan' }`, a replay or a fork of another run), as stored. */
  origin: Record<string, unknown>;
  /** The runner of each task. */
  runnerFor(task: PlanTask): TaskRunner;
  /** Adaptive planning: how the plan grows after a task completes. Default: it does not. */
  adapt?: PlanAdapter;
  /** Told, in plan order, each task an earlier run of the plan completed, with its result, before any task starts. */
  restore?(taskId: string, result: unknown): void;
  maxWorkers: number;
  kindCaps: Readonly<Record<PlanTaskKind, number>>;
  waves: boolean;
  abortSignal: AbortSignal | undefined;
}

/** Commits a task's new state (if any) with its event, kept with the run, then sends the event on the bus. */
type Emit = (event: SwarmEvent & { planId: string }, state?: () => void) => void;

/**
 * Runs a plan run to its end, durably: the run and its table (one row per task) are made, or found
 * again and resumed (completed tasks keep their results and do not run again; the rest run), and
 * every change of a task's state is committed as it happens, with its event (`plan-start`,
 * `task-created`, `task-start`, `task-end`, `plan-end`) both kept with the run and sent on the bus.
 */
export async function executePlanRun(swarm: SwarmContext, setup: PlanRunSetup): Promise<PlanResult> {
  const { store } = swarm;
  const { id, plan } = setup;
  // A task's new state and its event commit together, then the event goes on the bus.
  const emit: Emit = (event, state) => {
    const { type, planId: _, ...data } = event;
    store.transaction(() => {
      state?.();
      store.events.append({ type, planRunId: id, data, at: Date.now() });
    });
    swarm.events.emit(event);
  };

  const existing = store.planRuns.find(id);
  // The table may be there without its run: a crash between the two (same id, same rows).
  if (existing === undefined && store.tables.find(id) === undefined) {
    const rows = plan.tasks.map((task) => ({ ...task.values, id: task.id, description: task.description, kind: taskKindOf(task) }));
    await createTable(store, { tasks: rows }, { id, cwd: swarm.cwd });
  }
  // The run is marked running and its lease taken together: a second run of the plan, here or in
  // another process, is refused while this one lives; a run whose process died is taken over.
  const lease = store.transaction(() => {
    const now = Date.now();
    if (store.planRuns.find(id) === undefined) {
      store.planRuns.create({ id, tableId: id, name: plan.name, plan: planJson(plan), origin: setup.origin, tasks: plan.tasks.map((task) => ({ taskId: task.id, kind: taskKindOf(task) })), at: now });
    }
    const taken = store.planLeases.take(id, now);
    if ('heldBy' in taken) throw new PlanBusyError({ planId: id, ...taken.heldBy });
    if (existing !== undefined) store.planRuns.resume(id, now);
    return taken.lease;
  });
  try {
    return await runHeld(swarm, setup, existing, emit);
  } finally {
    lease.release();
  }
}

/** The run itself, once it is marked running and this process holds its lease. */
async function runHeld(swarm: SwarmContext, setup: PlanRunSetup, existing: StoredPlanRun | undefined, emit: Emit): Promise<PlanResult> {
  const { store } = swarm;
  const { id } = setup;
  const tableId = existing?.tableId ?? id;
  // A resumed run goes on with the tasks it had: adaptive planning may have added some.
  const plan = existing === undefined ? setup.plan : planAsStored(setup.plan, existing.plan as StoredPlan);

  const stored = new Map(store.planRuns.tasks(id).map((task) => [task.taskId, task]));
  const completed = new Map([...stored.values()].filter((task) => task.status === 'completed').map((task) => [task.taskId, task.result]));
  emit({ type: 'plan-start', planId: id, ...(plan.name === undefined ? {} : { name: plan.name }), tableId, tasks: plan.tasks.length, completed: completed.size, resumed: existing !== undefined });
  store.transaction(() => {
    for (const task of plan.tasks) {
      const addedAfter = stored.get(task.id)?.addedAfter;
      emit({ type: 'task-created', planId: id, taskId: task.id, kind: taskKindOf(task), dependsOn: [...(task.dependsOn ?? [])], ...(addedAfter === undefined ? {} : { addedAfter }) });
    }
  });

  for (const task of plan.tasks) if (completed.has(task.id)) setup.restore?.(task.id, completed.get(task.id));

  const byId = new Map(plan.tasks.map((task) => [task.id, task]));
  const scheduledOf = (task: PlanTask): ScheduledTask => ({
    id: task.id,
    kind: taskKindOf(task),
    dependsOn: task.dependsOn ?? [],
    onUpstreamFailure: task.onUpstreamFailure ?? 'skip',
    ...(task.if === undefined ? {} : { if: task.if }),
  });
  const run: GrowingRun = { id, plan, addedSoFar: [...stored.values()].filter((task) => task.addedAfter !== undefined).length, emit };
  const growth = setup.adapt === undefined ? undefined : growPlanRun(swarm, run, setup.adapt, scheduledOf);
  const grow =
    growth &&
    (async (task: ScheduledTask, result: unknown, notStarted: readonly string[]) => {
      const grown = await growth(task, result, notStarted);
      for (const each of run.plan.tasks) byId.set(each.id, each);
      return grown;
    });

  const start = async (scheduledTask: ScheduledTask, upstream: Record<string, unknown>): Promise<TaskOutcome> => {
    const task = byId.get(scheduledTask.id)!;
    const kind = scheduledTask.kind;
    let runs = stored.get(task.id)?.runs ?? 0;
    let passId: string | undefined;
    let startedAt: number | undefined;
    const outcome = await runSafely(setup.runnerFor(task), task, upstream, {
      start() {
        runs++;
        // A task's duration runs from its first start in this run of the plan, retries included.
        const first = startedAt === undefined;
        startedAt ??= Date.now();
        emit({ type: 'task-start', planId: id, taskId: task.id, kind, run: runs }, () => store.planRuns.saveTask(id, task.id, { status: 'running', runs, ...(first ? { startedAt } : {}) }));
      },
      passId(ran) {
        passId = ran;
      },
      count: () => runs,
    });
    const endedAt = Date.now();
    const durationMs = startedAt === undefined ? undefined : endedAt - startedAt;
    if (outcome.status === 'stopped') {
      store.planRuns.saveTask(id, task.id, { status: 'pending', passId, endedAt: undefined });
      return outcome;
    }
    // A runner that failed before any run started (a placeholder its upstream cannot fill) still ends the task.
    const error = outcome.status === 'failed' ? swarm.secrets.redact(outcome.error) : undefined;
    emit({ type: 'task-end', planId: id, taskId: task.id, status: outcome.status, ...(error === undefined ? {} : { error }), ...(durationMs === undefined ? {} : { durationMs }) }, () =>
      store.planRuns.saveTask(id, task.id, outcome.status === 'completed' ? { status: 'completed', result: outcome.result, passId, endedAt } : { status: 'failed', error, passId, endedAt }),
    );
    return outcome.status === 'failed' ? { status: 'failed', error: error! } : outcome;
  };

  const states = await scheduleTasks({
    tasks: plan.tasks.map(scheduledOf),
    completed,
    maxWorkers: setup.maxWorkers,
    kindCaps: setup.kindCaps,
    waves: setup.waves,
    abortSignal: setup.abortSignal,
    start,
    ...(grow === undefined ? {} : { grow }),
    skip(task, reason) {
      emit({ type: 'task-end', planId: id, taskId: task.id, status: 'skipped', error: reason }, () => store.planRuns.saveTask(id, task.id, { status: 'skipped', error: reason, endedAt: Date.now() }));
    },
  });

  const result = planResultOf(id, tableId, run.plan, states);
  const stopped = setup.abortSignal?.aborted === true && result.pending > 0;
  if (stopped) result.stopped = { reason: 'aborted', message: 'the plan run was aborted; run it again to resume' };
  store.planRuns.end(id, { status: stopped ? 'stopped' : 'finished', at: Date.now() });
  emit({ type: 'plan-end', planId: id, completed: result.completed, failed: result.failed, skipped: result.skipped, pending: result.pending, ...(result.stopped === undefined ? {} : { stopped: result.stopped }) });
  return result;
}

/** The run's result: each task's status, result or error, and the counts. */
function planResultOf(id: string, tableId: string, plan: Plan, states: ReadonlyMap<string, TaskState>): PlanResult {
  const result: PlanResult = { id, tableId, completed: 0, failed: 0, skipped: 0, pending: 0, tasks: {} };
  for (const task of plan.tasks) {
    const state = states.get(task.id) ?? { status: 'pending' };
    // A task still `running` here never ended: as far as a re-run is concerned it is pending.
    const status = state.status === 'running' ? 'pending' : state.status;
    result.tasks[task.id] = { status, ...(state.result === undefined ? {} : { result: state.result }), ...(state.error === undefined ? {} : { error: state.error }) };
    if (status === 'completed') result.completed++;
    else if (status === 'failed') result.failed++;
    else if (status === 'skipped') result.skipped++;
    else result.pending++;
  }
  return result;
}

/** A runner's outcome; a runner that throws (a store error, a bug) fails its task rather than leave it running. */
async function runSafely(runner: TaskRunner, ...[task, upstream, run]: Parameters<TaskRunner>): Promise<TaskOutcome> {
  try {
    return await runner(task, upstream, run);
  } catch (error) {
    return { status: 'failed', error: (error as Error)?.message ?? String(error) };
  }
}
