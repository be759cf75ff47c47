import { NotFoundError } from '../errors/not-found-error.ts';
import type { PlanTaskKind, PlanTaskStatus } from '../plan/plan.ts';
import type { StoredPlan } from '../plan/plan-fingerprint.ts';
import type { Store } from '../store/store.ts';
import { routePlanTaskModel } from '../model-routing/route-plan-task-model.ts';

/** One task of a plan run as `swarm plan show` describes it. */
export interface PlanRunTaskReport {
  id: string;
  kind: PlanTaskKind;
  status: PlanTaskStatus;
  dependsOn: string[];
  result?: unknown;
  error?: string;
  /** Runs of the task (retries and resumed runs included). */
  runs: number;
  /** From its first start to its end, when it ran and ended. */
  durationMs?: number;
  /** The pass it last ran as: `swarm show <tableId> <task id>` shows its transcript. */
  passId?: string;
  /** The model that pass called (a model or agent task that ran). */
  model?: string;
  /** In a run with model routing, for a task routed: `fast` or `quality`, and what made it complex. */
  route?: { tier: 'fast' | 'quality'; reasons: string[] };
  /** A task adaptive planning added: the task after which it was added. */
  addedAfter?: string;
}

/** A plan run as `swarm plan show` describes it: where it came from, where it stands, and each task. */
export interface PlanRunReport {
  id: string;
  name?: string;
  tableId: string;
  /** `running` (or its process died: a re-run resumes it), `finished`, or `stopped` (aborted). */
  status: 'running' | 'finished' | 'stopped';
  /** `{ kind: 'plan' }`, or a replay or fork of another run: `{ kind, of, from?, model? }`. */
  origin: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  completed: number;
  failed: number;
  skipped: number;
  pending: number;
  tasks: PlanRunTaskReport[];
}

/** Where a run with routing sent a task that names no model (`routePlanTaskModel`, as the run decided it). */
function routeOf(task: StoredPlan['tasks'][number] | undefined, routing: { fast: string; quality: string } | undefined): Pick<PlanRunTaskReport, 'route'> {
  if (routing === undefined || task === undefined || task.model !== undefined || task.command !== undefined || task.run !== undefined) return {};
  const { run: _, ...routed } = task;
  const { tier, reasons } = routePlanTaskModel(routed, routing);
  return tier === 'fast' || tier === 'quality' ? { route: { tier, reasons } } : {};
}

/** A plan run and its tasks' states; an unknown id is a NotFoundError naming the recent runs. */
export function planRunReport(store: Store, runId: string): PlanRunReport {
  const run = store.planRuns.find(runId);
  if (run === undefined) {
    const recent = store.planRuns.recent(5).map((each) => each.id);
    throw new NotFoundError('plan run', runId, recent.length > 0 ? `Recent plan runs: ${recent.join(', ')}` : 'The store has no plan runs yet; start one with `swarm plan run plan.yaml`');
  }
  const planned = new Map((run.plan as StoredPlan).tasks.map((task) => [task.id, task]));
  const routing = (run.origin as { route?: { fast: string; quality: string } }).route;
  const report: PlanRunReport = {
    id: run.id,
    ...(run.name === undefined ? {} : { name: run.name }),
    tableId: run.tableId,
    status: run.status,
    origin: run.origin as Record<string, unknown>,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    completed: 0,
    failed: 0,
    skipped: 0,
    pending: 0,
    tasks: [],
  };
  for (const task of store.planRuns.tasks(runId)) {
    const status = task.status === 'running' && run.status !== 'running' ? 'pending' : task.status;
    report.tasks.push({
      id: task.taskId,
      kind: task.kind as PlanTaskKind,
      status,
      dependsOn: planned.get(task.taskId)?.dependsOn ?? [],
      ...(task.result === undefined ? {} : { result: task.result }),
      ...(task.error === undefined ? {} : { error: task.error }),
      runs: task.runs,
      ...(task.startedAt !== undefined && task.endedAt !== undefined ? { durationMs: task.endedAt - task.startedAt } : {}),
      ...(task.passId === undefined ? {} : { passId: task.passId }),
      // A command task's pass runs a command, not a model.
      ...(task.passId === undefined || task.kind === 'command' ? {} : { model: store.passes.report(task.passId).model }),
      ...routeOf(planned.get(task.taskId), routing),
      ...(task.addedAfter === undefined ? {} : { addedAfter: task.addedAfter }),
    });
    if (status === 'completed') report.completed++;
    else if (status === 'failed') report.failed++;
    else if (status === 'skipped') report.skipped++;
    else report.pending++;
  }
  return report;
}
