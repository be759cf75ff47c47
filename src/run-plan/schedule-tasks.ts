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
}

/**
 * Runs a DAG of tasks: each starts the moment every task it depends on has ended (no wave barrier
 * unless `waves`), in plan order, within `maxWorkers` and its kind's cap. A failed task's
 * dependents are skipped, transitively, unless they say `onUpstreamFailure: 'run'` (then they get
 * `{ failed: true, error }` as its result); a task whose `if` does not hold is skipped. Resolves
 * once no task is running and none can start: every task has ended, or, after an abort, the ones
 * not started are left pending. It never waits on anything but tasks under way, so it always ends.
 */
export function scheduleTasks({ tasks, completed, maxWorkers, kindCaps, waves, abortSignal, start, skip }: ScheduleOptions): Promise<Map<string, TaskState>> {
  const states = new Map<string, TaskState>();
  const position = new Map<string, number>();
  const dependents = new Map<string, ScheduledTask[]>();
  const waitingOn = new Map<string, number>();
  tasks.forEach((task, index) => {
    position.set(task.id, index);
    states.set(task.id, completed.has(task.id) ? { status: 'completed', result: completed.get(task.id) } : { status: 'pending' });
    for (const dependency of new Set(task.dependsOn)) {
      if (!dependents.has(dependency)) dependents.set(dependency, []);
      dependents.get(dependency)!.push(task);
    }
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
    for (const dependent of dependents.get(task.id) ?? []) {
      const left = waitingOn.get(dependent.id)! - 1;
      waitingOn.set(dependent.id, left);
      if (left === 0) consider(dependent);
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
