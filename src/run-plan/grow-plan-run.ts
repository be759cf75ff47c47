import type { SwarmContext } from '../context/swarm-context.ts';
import type { SwarmEvent } from '../events/swarm-event.ts';
import type { Plan, PlanTask } from '../plan/plan.ts';
import { planJson } from '../plan/plan-fingerprint.ts';
import { taskKindOf } from '../plan/task-kind.ts';
import type { ScheduledTask, TaskGrowth } from './schedule-tasks.ts';

/** What adaptive planning is asked after a task completed: the plan as it stands, the task, its result, and what may still change. */
export interface PlanAdaptRequest {
  plan: Plan;
  finished: PlanTask;
  result: unknown;
  /** Tasks neither started nor ready: the only ones that may be made to wait for added tasks. */
  notStarted: readonly string[];
  /** Tasks added to the run so far (over every run of it). */
  addedSoFar: number;
}

/** How a plan grows after a task: the plan with the added tasks (`added`), or why it could not (`problems`); undefined: no call was made. */
export type PlanAdapter = (request: PlanAdaptRequest) => Promise<{ plan: Plan; added: PlanTask[]; problems?: undefined } | { problems: string[] } | undefined>;

/** The plan run a growth is recorded in, and its plan as it stands. */
export interface GrowingRun {
  id: string;
  plan: Plan;
  /** Tasks added so far, over every run of the plan. */
  addedSoFar: number;
  emit(event: SwarmEvent & { planId: string }, state?: () => void): void;
}

/**
 * The scheduler's `grow` for adaptive planning: one adaptation at a time (each sees the plan the
 * ones before made), each added task recorded before it can start, in one transaction: its row in
 * the run's table, its place in the stored plan (with the tasks made to wait for it), and its
 * `task-created` event (`addedAfter`); a `plan-adapt` event says what each adaptation did. A
 * resumed run or a replay reads the tasks back from the stored plan.
 */
export function growPlanRun(swarm: SwarmContext, run: GrowingRun, adapter: PlanAdapter, scheduledOf: (task: PlanTask) => ScheduledTask) {
  let queue: Promise<unknown> = Promise.resolve();
  const adaptAfter = async (taskId: string, result: unknown, notStarted: readonly string[]): Promise<TaskGrowth | undefined> => {
    const finished = run.plan.tasks.find((task) => task.id === taskId)!;
    let outcome: Awaited<ReturnType<PlanAdapter>>;
    try {
      outcome = await adapter({ plan: run.plan, finished, result, notStarted, addedSoFar: run.addedSoFar });
    } catch (error) {
      outcome = { problems: [swarm.secrets.redact((error as Error)?.message ?? String(error))] };
    }
    if (outcome === undefined) return undefined;
    if (outcome.problems !== undefined) {
      run.emit({ type: 'plan-adapt', planId: run.id, after: taskId, added: [], problems: outcome.problems });
      return undefined;
    }
    const { plan, added } = outcome;
    const before = new Map(run.plan.tasks.map((task) => [task.id, task]));
    const changed = plan.tasks.filter((task) => before.has(task.id) && before.get(task.id) !== task);
    swarm.store.transaction(() => {
      const tasks = added.map((task) => ({ taskId: task.id, kind: taskKindOf(task), row: { id: task.id, description: task.description, kind: taskKindOf(task) } }));
      swarm.store.planRuns.addTasks(run.id, { plan: planJson(plan), tasks, addedAfter: taskId, at: Date.now() });
      for (const task of added) run.emit({ type: 'task-created', planId: run.id, taskId: task.id, kind: taskKindOf(task), dependsOn: [...(task.dependsOn ?? [])], addedAfter: taskId });
      run.emit({ type: 'plan-adapt', planId: run.id, after: taskId, added: added.map((task) => task.id) });
    });
    run.plan = plan;
    run.addedSoFar += added.length;
    return { added: added.map(scheduledOf), changed: changed.map(scheduledOf) };
  };
  return (task: ScheduledTask, result: unknown, notStarted: readonly string[]): Promise<TaskGrowth | undefined> => {
    const next = queue.then(() => adaptAfter(task.id, result, notStarted));
    queue = next.catch(() => undefined);
    return next;
  };
}

/** The plan a resumed run goes on with: the given plan's tasks as the run last stored them (adaptive planning may have added tasks, and made others wait for them). */
export function planAsStored(given: Plan, stored: { tasks: readonly Omit<PlanTask, 'run'>[] }): Plan {
  const byId = new Map(given.tasks.map((task) => [task.id, task]));
  const tasks = stored.tasks.map((task): PlanTask => {
    const own = byId.get(task.id);
    if (own === undefined) return task;
    if (own.description === task.description && JSON.stringify(own.dependsOn ?? []) === JSON.stringify(task.dependsOn ?? [])) return own;
    return { ...own, description: task.description, ...(task.dependsOn === undefined ? {} : { dependsOn: task.dependsOn }) };
  });
  return { ...given, tasks };
}
