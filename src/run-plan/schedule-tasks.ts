import { conditionHolds, describeCondition } from '../plan/condition-holds.ts';
import type { PlanCondition, PlanTaskKind, PlanTaskStatus, UpstreamFailure } from '../plan/plan.ts';

/** A task as the scheduler sees it: what it waits for, and how it treats a failed upstream. */
export interface ScheduledTask {
  id: string;
  kind: PlanTaskKind;
  dependsOn: readonly string[];
  onUpstreamFailure: 'skip' | 'run';
  if?: PlanCondition;
}

/** How a started task ended: with a result, failed, or stopped under it (the run was aborted: it stays pending). */
export type TaskOutcome = { status: 'completed'; result: unknown } | { status: 'failed'; error: string } | { status: 'stopped' };

/** Where a task stands when scheduling ends. */
export interface TaskState {
  status: PlanTaskStatus;
  result?: unknown;
  error?: string;
}

/** Tasks a completed task makes the plan grow by: new ones, and pending ones that now wait for more tasks (their new `dependsOn`). */
export interface TaskGrowth {
  added: ScheduledTask[];
  changed: ScheduledTask[];
}

/** Options of `scheduleTasks`. */
export interface ScheduleOptions {
  /** The tasks, in plan order: ready tasks start in this order. Dependencies must form no cycle. */
  tasks: readonly ScheduledTask[];
  /** Results of tasks an earlier run completed: they are not run again. */
  completed: ReadonlyMap<string, unknown>;
  /** Tasks in flight at most, of every kind together. */
  maxWorkers: number;
  /** Tasks in flight at most, per kind (within `maxWorkers`). */
  kindCaps: Readonly<Record<PlanTaskKind, number>>;
  /** agentops' behaviour: a task that becomes ready waits until every task of the running wave has ended. */
  waves: boolean;
  /** Stops starting tasks; tasks under way end through their own signals (`start` listens to the same one). */
  abortSignal?: AbortSignal;
  /** Runs a task with its upstream results by id (a failed or skipped upstream: an `UpstreamFailure`). Never called for a skipped task. */
  start(task: ScheduledTask, upstream: Record<string, unknown>): Promise<TaskOutcome>;
  /** A task will not run: an upstream failed or was skipped, or its condition does not hold. */
  skip(task: ScheduledTask, reason: string): void;
  /**
   * Adaptive planning: called when a task completed, before its dependents are considered; the
   * tasks it returns join the run (added tasks must depend only on tasks of the run; changed ones
   * must be among `notStarted`, the tasks neither started nor ready). Default: the plan does not grow.
   */
  grow?(task: ScheduledTask, result: unknown, notStarted: readonly string[]): Promise<TaskGrowth | undefined>;
}

/**
 * Runs a DAG of tasks: each starts the moment every task it depends on has ended (no wave barrier
 * unless `waves`), in plan order, within `maxWorkers` and its kind's cap. A failed task's
 * dependents are skipped, transitively, unless they say `onUpstreamFailure: 'run'` (then they get
 * `{ failed: true, error }` as its result); a task whose `if` does not hold is skipped. Resolves
 * once no task is running and none can start: every task has ended, or, after an abort, the ones
 * not started are left pending. It never waits on anything but tasks under way, so it always ends.
 */
export function scheduleTasks({ tasks, completed, maxWorkers, kindCaps, waves, abortSignal, start, skip, grow }: ScheduleOptions): Promise<Map<string, TaskState>> {
  const states = new Map<string, TaskState>();
  const position = new Map<string, number>();
  // Tasks by id as they stand (adaptive planning may give a pending one more dependencies).
  const byId = new Map<string, ScheduledTask>();
  const dependents = new Map<string, string[]>();
  const waitingOn = new Map<string, number>();
  const addDependent = (dependency: string, id: string) => {
    if (!dependents.has(dependency)) dependents.set(dependency, []);
    dependents.get(dependency)!.push(id);
  };
  tasks.forEach((task, index) => {
    position.set(task.id, index);
    byId.set(task.id, task);
    states.set(task.id, completed.has(task.id) ? { status: 'completed', result: completed.get(task.id) } : { status: 'pending' });
    for (const dependency of new Set(task.dependsOn)) addDependent(dependency, task.id);
  });

  // Runnable tasks by plan position; in waves mode, those found during a wave wait in `nextWave`.
  const ready: ScheduledTask[] = [];
  let nextWave: ScheduledTask[] = [];
  const running = { all: 0, byKind: { model: 0, agent: 0, command: 0, function: 0 } as Record<PlanTaskKind, number> };
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const enqueue = (task: ScheduledTask) => {
    if (waves) {
      nextWave.push(task);
      return;
    }
    // Binary search keeps `ready` in plan order without sorting it each time.
    const at = position.get(task.id)!;
    let low = 0;
    let high = ready.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (position.get(ready[middle]!.id)! < at) low = middle + 1;
      else high = middle;
    }
    ready.splice(low, 0, task);
  };

  // Every dependency has ended: skip the task, or make it runnable (once).
  const considered = new Set<string>();
  const consider = (task: ScheduledTask) => {
    if (considered.has(task.id)) return;
    considered.add(task.id);
    const upstream: Record<string, unknown> = {};
    for (const dependency of task.dependsOn) {
      const state = states.get(dependency)!;
      if (state.status === 'completed') {
        upstream[dependency] = state.result;
        continue;
      }
      const why = state.status === 'failed' ? `upstream task ${dependency} failed` : `upstream task ${dependency} was skipped`;
      if (task.onUpstreamFailure !== 'run') {
        settle(task, { status: 'skipped', error: why });
        return;
      }
      const failure: UpstreamFailure = state.status === 'failed' ? { failed: true, error: state.error ?? 'failed' } : { failed: true, skipped: true, error: state.error ?? 'skipped' };
      upstream[dependency] = failure;
    }
    if (task.if !== undefined && !conditionHolds(task.if, upstream[task.if.task])) {
      settle(task, { status: 'skipped', error: `its condition does not hold: ${describeCondition(task.if)}` });
      return;
    }
    upstreamOf.set(task.id, upstream);
    enqueue(task);
  };
  const upstreamOf = new Map<string, Record<string, unknown>>();

  // A task ended (or was skipped): its dependents wait for one task fewer.
  const settle = (task: ScheduledTask, state: TaskState) => {
    states.set(task.id, state);
    if (state.status === 'skipped') skip(task, state.error!);
    for (const id of dependents.get(task.id) ?? []) {
      const left = waitingOn.get(id)! - 1;
      waitingOn.set(id, left);
      if (left === 0) consider(byId.get(id)!);
    }
  };

  // Added tasks wait for their dependencies that have not completed; changed ones for the new ones too.
  const applyGrowth = ({ added, changed }: TaskGrowth) => {
    for (const task of changed) {
      const before = new Set(byId.get(task.id)!.dependsOn);
      byId.set(task.id, task);
      for (const dependency of new Set(task.dependsOn)) {
        if (before.has(dependency)) continue;
        addDependent(dependency, task.id);
        if (states.get(dependency)?.status !== 'completed') waitingOn.set(task.id, waitingOn.get(task.id)! + 1);
      }
    }
    for (const task of added) {
      position.set(task.id, position.size);
      byId.set(task.id, task);
      states.set(task.id, { status: 'pending' });
      const dependencies = [...new Set(task.dependsOn)];
      for (const dependency of dependencies) addDependent(dependency, task.id);
      waitingOn.set(task.id, dependencies.filter((dependency) => states.get(dependency)?.status !== 'completed').length);
      if (waitingOn.get(task.id) === 0) consider(task);
    }
  };

  const pump = () => {
    if (waves && running.all === 0 && ready.length === 0 && nextWave.length > 0) {
      ready.push(...nextWave.sort((left, right) => position.get(left.id)! - position.get(right.id)!));
      nextWave = [];
    }
    if (abortSignal?.aborted !== true) {
      for (let index = 0; index < ready.length && running.all < maxWorkers; ) {
        const task = ready[index]!;
        if (running.byKind[task.kind] >= kindCaps[task.kind]) {
          index++;
          continue;
        }
        ready.splice(index, 1);
        launch(task);
      }
    }
    if (running.all === 0 && (ready.length === 0 || abortSignal?.aborted === true) && (nextWave.length === 0 || abortSignal?.aborted === true)) finish();
  };

  const launch = (task: ScheduledTask) => {
    running.all++;
    running.byKind[task.kind]++;
    states.set(task.id, { status: 'running' });
    const upstream = upstreamOf.get(task.id)!;
    upstreamOf.delete(task.id);
    // A runner that throws (it should not) fails its task; it cannot stop the plan from ending.
    Promise.resolve()
      .then(() => start(task, upstream))
      .catch((error: unknown): TaskOutcome => ({ status: 'failed', error: (error as Error)?.message ?? String(error) }))
      .then(async (outcome) => {
        // The plan grows before the task's dependents are considered: they may wait for the added tasks.
        if (outcome.status === 'completed' && grow !== undefined && abortSignal?.aborted !== true) {
          const notStarted = [...states].filter(([id, state]) => state.status === 'pending' && !considered.has(id)).map(([id]) => id);
          const growth = await grow(task, outcome.result, notStarted).catch(() => undefined);
          if (growth !== undefined) applyGrowth(growth);
        }
        return outcome;
      })
      .then((outcome) => {
        running.all--;
        running.byKind[task.kind]--;
        if (outcome.status === 'stopped') states.set(task.id, { status: 'pending' });
        else settle(task, outcome.status === 'completed' ? { status: 'completed', result: outcome.result } : { status: 'failed', error: outcome.error });
        pump();
      });
  };

  for (const task of tasks) {
    if (states.get(task.id)!.status === 'completed') continue;
    waitingOn.set(task.id, new Set(task.dependsOn).size - [...new Set(task.dependsOn)].filter((dependency) => states.get(dependency)?.status === 'completed').length);
  }
  for (const task of tasks) if (states.get(task.id)!.status === 'pending' && waitingOn.get(task.id) === 0) consider(task);
  const onAbort = () => pump();
  abortSignal?.addEventListener('abort', onAbort);
  pump();
  return finished.then(() => {
    abortSignal?.removeEventListener('abort', onAbort);
    return states;
  });
}
