import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { SwarmContext } from '../context/swarm-context.ts';
import type { EnginePassOptions } from '../pass/engine-pass-options.ts';
import { passDefaults } from '../pass/pass-defaults.ts';
import type { RunOptions } from '../pass/run-options.ts';
import type { PlanTask } from '../plan/plan.ts';
import { referencedValue, taskReferencesOf } from '../plan/task-references.ts';
import type { PassBackend } from '../run-pass/pass-backend.ts';
import { runPass } from '../run-pass/run-pass.ts';

/** The column a task's row holds its prompt in, which a model or agent task's instruction names. */
const promptColumn = 'description';
/** The column a command task's stdin comes from: its upstream results by task id, as JSON. */
const upstreamColumn = 'upstream';
/** The instruction of every model and agent task: the prompt is the row's `description`. */
const taskInstruction = `Carry out the task described in {${promptColumn}}.`;
/** A task without a schema answers free text: this one column. */
const answerSchema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };

/** One run of a model, agent or command task as a one-row pass on the plan's table. */
export interface TaskPassRun {
  swarm: SwarmContext;
  planId: string;
  tableId: string;
  task: PlanTask;
  kind: 'model' | 'agent' | 'command';
  /** The description with upstream placeholders filled (and `beforeTask` applied). */
  prompt: string;
  /** Direct upstream results by task id. */
  upstream: Readonly<Record<string, unknown>>;
  /** The model to use; undefined: the pass's default (an agent type's own, else SWARM_MODEL or config). */
  model: string | LanguageModelV4 | undefined;
  /** Tells apart the passes of one task (a run asked for by `afterTask` is a new pass). */
  passKey: string;
  /** The task's deadline: a command is ended at it, a call never outlasts it. */
  deadlineMs: number;
  /** Aborted at the deadline or when the plan stops. */
  signal: AbortSignal;
  /** Answer identical requests from the response cache. Default: the pass's default. */
  cache?: boolean;
  /** An agent task's loop replays the one this pass recorded for the task (see `EnginePassOptions.replayLoopsOf`). */
  replayLoopsOf?: string;
  /** Where the task's pass is answered: its one dispatch goes to the backend's workers. Default: this process. */
  backend?: PassBackend;
}

/** How one pass run of a task ended: its result, its failure, or stopped (aborted) with nothing settled. */
export type TaskPassOutcome = { passId: string } & ({ status: 'completed'; result: unknown } | { status: 'failed'; error: string } | { status: 'stopped' });

/**
 * Runs one task as a one-row pass on the plan's table, so the task gets what every pass has: the
 * limiter, budget, retries of its calls, attempts, agent-loop resume and transcripts. The row is
 * given the task's prompt (and, for a command, its upstream results on stdin and each
 * `{tasks.<id>}` value it names) first. A pass that answered the row before (a resumed plan) gives
 * that answer back without running again.
 */
export async function runTaskPass(run: TaskPassRun): Promise<TaskPassOutcome> {
  const { swarm, task, kind, tableId } = run;
  swarm.store.rows.setValues(tableId, task.id, rowValues(run));
  const { options, engine } = passSettings(run);
  const result = await runPass(swarm, tableId, options, engine, run.backend);
  const { passId } = result;
  if (result.completed + result.skipped > 0) {
    const output = swarm.store.results.answers(passId, 1)[0]?.output ?? {};
    const field = kind === 'command' ? 'output' : 'answer';
    return { passId, status: 'completed', result: task.schema === undefined ? output[field] : output };
  }
  const failure = result.failures[0];
  if (failure !== undefined) return { passId, status: 'failed', error: failure.error };
  if (result.stopped !== undefined && result.stopped.reason !== 'aborted') return { passId, status: 'failed', error: result.stopped.message };
  return { passId, status: 'stopped' };
}

/** What the task's row gets before its pass runs: the prompt, and for a command its upstream results. */
function rowValues({ task, kind, prompt, upstream }: TaskPassRun): Record<string, unknown> {
  const values: Record<string, unknown> = { [promptColumn]: prompt };
  if (kind !== 'command') return values;
  values[upstreamColumn] = upstream;
  // `{tasks.a.field}` in a command is a column of the row named just so, filled like any other.
  for (const reference of taskReferencesOf(task.command!, new Set(Object.keys(upstream))).references) {
    values[reference.placeholder.slice(1, -1)] = referencedValue(upstream[reference.taskId], reference.path) ?? null;
  }
  return values;
}

/** The pass options of a task run: its kind's, on its own row, writing over the columns other tasks' passes wrote. */
function passSettings({ planId, task, kind, model, passKey, deadlineMs, signal, cache, replayLoopsOf }: TaskPassRun): { options: RunOptions; engine: EnginePassOptions } {
  const shared = { filter: { column: 'id', equals: task.id }, overwrite: true, abortSignal: signal };
  if (kind === 'command') {
    return {
      options: { ...shared, command: task.command!, responseSchema: task.schema, timeoutMs: deadlineMs },
      engine: { key: passKey, stdinColumn: upstreamColumn, env: { SWARM_TASK_ID: task.id, SWARM_PLAN_ID: planId } },
    };
  }
  return {
    options: {
      ...shared,
      instruction: taskInstruction,
      responseSchema: task.schema ?? answerSchema,
      model,
      subagentType: kind === 'agent' ? task.agent : undefined,
      batchSize: 1,
      // A call never outlasts the task's deadline.
      timeoutMs: Math.min(deadlineMs, passDefaults.timeoutMs),
      cache,
    },
    engine: { key: passKey, replayLoopsOf },
  };
}
