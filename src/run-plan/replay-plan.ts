import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createHash } from 'node:crypto';
import type { SwarmContext } from '../context/swarm-context.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { NotFoundError } from '../errors/not-found-error.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import { resolveModel } from '../model/resolve-model.ts';
import { checkPlan } from '../plan/check-plan.ts';
import type { Plan, PlanResult, PlanTask } from '../plan/plan.ts';
import type { StoredPlan } from '../plan/plan-fingerprint.ts';
import { taskKindOf } from '../plan/task-kind.ts';
import { fillTaskReferences } from '../plan/task-references.ts';
import type { StoredPlanTask } from '../store/operations/plan-runs.ts';
import { executePlanRun } from './execute-plan-run.ts';
import { createRecordedModel } from './recorded-model.ts';
import { liveTaskRunner } from './run-live-task.ts';
import { planEngine, preparePlanOptions, schedulingOf } from './run-plan.ts';
import type { RunPlanOptions } from './run-plan-options.ts';
import { runTaskPass } from './run-task-pass.ts';
import type { TaskRunner } from './task-runner.ts';
import { withDeadline } from './with-deadline.ts';

/** Options of `replayPlan`: which part runs again for real, with which model, and how the run is scheduled. */
export interface ReplayPlanOptions extends Pick<RunPlanOptions, 'maxWorkers' | 'waves' | 'timeoutMs' | 'abortSignal'> {
  /** A fork: this task and every task downstream of it run again for real; the others are replayed. Default: all are replayed. */
  from?: string;
  /** With `from`: the model the model and agent tasks that run again use. Default: the ones the plan run used. */
  model?: string | LanguageModelV4;
}

/**
 * Runs a recorded plan run again as a new run, making no provider call: a model task's pass gets
 * the answer recorded then, an agent task's loop every recorded model answer and tool result (no
 * tool runs again), a command or function task its recorded result; a task that failed fails
 * again as it did. With `from`, that task and everything downstream of it run again for real
 * (with `model`): a fork. The replay or fork of a run with the same options is one run: running
 * it again resumes it.
 */
export async function replayPlan(swarm: SwarmContext, runId: string, options: ReplayPlanOptions = {}): Promise<PlanResult> {
  const { store } = swarm;
  const source = store.planRuns.find(runId);
  if (source === undefined) {
    const recent = store.planRuns.recent(5).map((run) => run.id);
    throw new NotFoundError('plan run', runId, recent.length > 0 ? `Recent plan runs: ${recent.join(', ')}` : 'The store has no plan runs yet');
  }
  if (options.model !== undefined && options.from === undefined) throw new InvalidInputError('model goes with from: a replay makes no call; a fork from a task re-runs it with another model');
  const settings = preparePlanOptions(options);
  const plan = planOf(source.plan as StoredPlan);
  const live = options.from === undefined ? new Set<string>() : downstreamOf(plan, options.from);
  const sourceModel = (source.origin as { model?: string }).model;
  const model = options.model ?? sourceModel;
  if (options.model !== undefined) resolveModel(options.model, { config: swarm.config, env: swarm.env, secrets: swarm.secrets });
  // A fork of a routed run routes the tasks it re-runs as that run did, unless told another model.
  const sourceRoute = (source.origin as { route?: { fast: string; quality: string } }).route;
  const engine = planEngine(swarm, model, options.model === undefined ? sourceRoute : undefined);
  const checked = checkPlan(plan, { checkTask: (task, checked) => (live.has(task.id) ? engine.checkTask(task, checked) : undefined) });

  const modelName = options.model === undefined ? undefined : typeof options.model === 'string' ? options.model : `${options.model.provider}:${options.model.modelId}`;
  const digest = createHash('sha256').update(canonicalJson({ of: runId, from: options.from ?? null, model: modelName ?? null })).digest('hex');
  const id = `plan-${digest.slice(0, 12)}`;
  const sourceTasks = new Map(store.planRuns.tasks(runId).map((task) => [task.taskId, task]));
  const taskIds = new Set(checked.tasks.map((task) => task.id));
  const liveRunner = liveTaskRunner({ swarm, planId: id, tableId: id, taskIds, options: settings, modelFor: (task) => (modelName === undefined ? engine.modelFor(task) : options.model) });
  const recordedRunner = recordedTaskRunner(swarm, { planId: id, sourceId: runId, sourceTasks, taskIds, timeoutMs: settings.timeoutMs, abortSignal: settings.abortSignal });
  return executePlanRun(swarm, {
    id,
    plan: checked,
    origin: { kind: options.from === undefined ? 'replay' : 'fork', of: runId, ...(options.from === undefined ? {} : { from: options.from }), ...(model === undefined ? {} : { model: modelName ?? sourceModel }), ...(options.model === undefined && sourceRoute !== undefined ? { route: sourceRoute } : {}) },
    runnerFor: (task) => (live.has(task.id) ? liveRunner : recordedRunner),
    ...schedulingOf(settings),
  });
}

/** A stored plan as a plan again: a function task's source is kept, not the function, so running it for real says so. */
function planOf(stored: StoredPlan): Plan {
  return {
    ...stored,
    tasks: stored.tasks.map(({ run, ...task }): PlanTask => {
      if (run === undefined) return task;
      return {
        ...task,
        run: () => {
          throw new Error('a function task cannot run again from the store (it keeps the function source, not the function): replay it, or run the plan with runPlan');
        },
      };
    }),
  };
}

/** `from` and every task that depends on it, directly or not. */
function downstreamOf(plan: Plan, from: string): Set<string> {
  if (!plan.tasks.some((task) => task.id === from)) {
    throw new InvalidInputError(`from: the plan has no task ${JSON.stringify(from)}; its tasks: ${plan.tasks.map((task) => task.id).join(', ')}`);
  }
  const downstream = new Set([from]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const task of plan.tasks) {
      if (downstream.has(task.id) || !(task.dependsOn ?? []).some((dependency) => downstream.has(dependency))) continue;
      downstream.add(task.id);
      grew = true;
    }
  }
  return downstream;
}

/**
 * Does each task from what a plan run recorded: model and agent tasks run their pass again on the
 * recorded answers (and tool results), through a model that calls no provider; command and
 * function tasks give their recorded result; a task that failed fails again with its error.
 */
function recordedTaskRunner(
  swarm: SwarmContext,
  { planId, sourceId, sourceTasks, taskIds, timeoutMs, abortSignal }: {
    planId: string;
    sourceId: string;
    sourceTasks: ReadonlyMap<string, StoredPlanTask>;
    taskIds: ReadonlySet<string>;
    timeoutMs: number;
    abortSignal: AbortSignal | undefined;
  },
): TaskRunner {
  const { store } = swarm;
  return async (task, upstream, run) => {
    const recorded = sourceTasks.get(task.id);
    run.start();
    if (recorded?.status === 'failed') return { status: 'failed', error: recorded.error ?? 'failed' };
    if (recorded?.status !== 'completed') return { status: 'failed', error: `plan run ${sourceId} recorded no result for task ${task.id}: it did not complete there` };
    const kind = taskKindOf(task);
    if (kind === 'command' || kind === 'function' || recorded.passId === undefined) return { status: 'completed', result: recorded.result };
    const filled = fillTaskReferences(task.description, taskIds, upstream);
    if ('problem' in filled) return { status: 'failed', error: filled.problem };
    const sourcePassId = recorded.passId;
    const answer = store.results.answers(sourcePassId, 1)[0]?.output;
    const model = createRecordedModel({ modelId: store.passes.report(sourcePassId).model, text: kind === 'model' && answer !== undefined ? JSON.stringify(answer) : undefined });
    const deadlineMs = task.timeoutMs ?? timeoutMs;
    return withDeadline(deadlineMs, abortSignal, async (signal) => {
      const ran = await runTaskPass({
        swarm,
        planId,
        tableId: planId,
        task,
        kind,
        prompt: filled.text,
        upstream,
        model,
        passKey: task.id,
        deadlineMs,
        signal,
        cache: false,
        // An agent's loop starts as a copy of the recorded one: it replays it, making no call and running no tool.
        replayLoopsOf: kind === 'agent' ? sourcePassId : undefined,
      });
      run.passId(ran.passId);
      return ran;
    });
  };
}
