import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { SwarmContext } from '../context/swarm-context.ts';
import type { PassBackend } from '../run-pass/pass-backend.ts';
import { compileResponseSchema, describeValidationErrors } from '../pass/response-schema.ts';
import type { PlanTask } from '../plan/plan.ts';
import { taskKindOf } from '../plan/task-kind.ts';
import { fillTaskReferences } from '../plan/task-references.ts';
import type { TaskRun, TaskRunner } from './task-runner.ts';
import { planDefaults, type AfterTaskVerdict, type RunPlanOptions } from './run-plan-options.ts';
import { runTaskPass } from './run-task-pass.ts';
import type { TaskOutcome } from './schedule-tasks.ts';
import { untilAborted, withDeadline } from './with-deadline.ts';

/** What live task runs share: the plan's store and table, its options, and the model each task uses. */
export interface LiveTaskSettings {
  swarm: SwarmContext;
  planId: string;
  tableId: string;
  taskIds: ReadonlySet<string>;
  options: Pick<RunPlanOptions, 'beforeTask' | 'afterTask' | 'abortSignal'> & { timeoutMs: number };
  /** The model a model or agent task runs with (undefined: the pass's default). */
  modelFor(task: PlanTask): string | LanguageModelV4 | undefined;
  /** Where model, agent and command tasks are answered (a function task runs here: it cannot travel). Default: this process. */
  backend?: PassBackend;
}

/**
 * Runs tasks for real: fills a task's `{tasks.<id>}` placeholders from its upstream results,
 * passes the prompt through `beforeTask`, runs it (a one-row pass, or the function) under its
 * deadline, again up to `retries` times while it fails, and once more each time `afterTask` asks
 * (at most `planDefaults.maxReviewRuns`), the prompt followed by what it said.
 */
export function liveTaskRunner(settings: LiveTaskSettings): TaskRunner {
  const { options } = settings;
  return async (task, upstream, run) => {
    const filled = fillTaskReferences(task.description, settings.taskIds, upstream);
    if ('problem' in filled) return { status: 'failed', error: filled.problem };
    let prompt = options.beforeTask === undefined ? filled.text : await options.beforeTask(task, filled.text);
    let passKey = task.id;
    for (let reviews = 0; ; reviews++) {
      const outcome = await runWithRetries(settings, task, { upstream, prompt, passKey, run });
      if (outcome.status !== 'completed' || options.afterTask === undefined || reviews >= planDefaults.maxReviewRuns) return outcome;
      const verdict = await options.afterTask(task, outcome.result, { prompt, run: run.count() });
      if (verdict?.review !== undefined) recordReview(settings, task.id, verdict.review);
      if (verdict?.retry === undefined) return outcome;
      prompt = `${prompt}\n\n${verdict.retry}`;
      // A run on another prompt is another pass on the task's row: the first one's answer stays as it was.
      passKey = `${task.id}#review-${reviews + 1}`;
    }
  };
}

/** Keeps a critic's score with the plan run's events, and sends it on the bus. */
function recordReview({ swarm, planId }: LiveTaskSettings, taskId: string, review: NonNullable<AfterTaskVerdict['review']>): void {
  swarm.store.events.append({ type: 'critic-end', planRunId: planId, data: { taskId, ...review }, at: Date.now() });
  swarm.events.emit({ type: 'critic-end', planId, taskId, ...review });
}

/** Runs the task, and again while it fails, up to `retries` more times. */
async function runWithRetries(
  settings: LiveTaskSettings,
  task: PlanTask,
  { upstream, prompt, passKey, run }: { upstream: Record<string, unknown>; prompt: string; passKey: string; run: TaskRun },
): Promise<TaskOutcome> {
  const deadlineMs = task.timeoutMs ?? settings.options.timeoutMs;
  for (let retry = 0; ; retry++) {
    run.start();
    const outcome = await withDeadline(deadlineMs, settings.options.abortSignal, async (signal) => {
      const kind = taskKindOf(task);
      if (kind === 'function') return callTaskFunction(task, { upstream, prompt, signal });
      const ran = await runTaskPass({ ...settings, task, kind, prompt, upstream, model: settings.modelFor(task), passKey, deadlineMs, signal });
      run.passId(ran.passId);
      return ran;
    });
    if (outcome.status !== 'failed' || retry >= (task.retries ?? 0)) return outcome;
  }
}

/** Calls a function task; its result must be JSON (and match its schema, if it has one). */
async function callTaskFunction(task: PlanTask, { upstream, prompt, signal }: { upstream: Record<string, unknown>; prompt: string; signal: AbortSignal }): Promise<TaskOutcome> {
  let value: unknown;
  try {
    const called = await untilAborted(Promise.resolve(task.run!({ taskId: task.id, upstream, signal, description: prompt })).then((result) => ({ result })), signal);
    if ('status' in called) return called;
    value = called.result;
  } catch (error) {
    return { status: 'failed', error: (error as Error)?.message ?? String(error) };
  }
  let result: unknown;
  try {
    result = JSON.parse(JSON.stringify(value ?? null));
  } catch (error) {
    return { status: 'failed', error: `the function's result is not JSON: ${(error as Error).message}` };
  }
  if (task.schema !== undefined) {
    const schema = compileResponseSchema(task.schema);
    if (!schema.validate(result)) return { status: 'failed', error: `the function's result does not match the schema: ${describeValidationErrors(schema.validate)}` };
  }
  return { status: 'completed', result };
}
