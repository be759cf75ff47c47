import { statSync } from 'node:fs';
import path from 'node:path';
import { findAgentType } from '../../agents/agent-types.ts';
import type { BudgetGuard } from '../../budget/budget-guard.ts';
import { requestFingerprint } from '../../cache/request-fingerprint.ts';
import type { SwarmConfig } from '../../config/swarm-config.ts';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import { createEventBus } from '../../events/event-bus.ts';
import { createSecretRedactor } from '../../call/secret-redactor.ts';
import { findRepository } from '../../git-worktree/find-repository.ts';
import { gitEnvironment } from '../../git-worktree/git-environment.ts';
import { keyVariables } from '../../model/key-variables.ts';
import { resolveModel } from '../../model/resolve-model.ts';
import { renderInstruction } from '../../pass/instruction-template.ts';
import { limiterForModel } from '../../pass/model-limiter.ts';
import { createPassRun } from '../../pass/create-pass-run.ts';
import type { PassRun } from '../../pass/pass-run.ts';
import type { PassState } from '../../pass/pass-state.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import type { PreparedCommand } from '../../pass/prepared-command.ts';
import { createPromptFrame } from '../../pass/render-prompt.ts';
import { compileResponseSchema } from '../../pass/response-schema.ts';
import type { Conversation } from '../../pass/conversation.ts';
import type { RowWorker } from '../../pass/row-worker.ts';
import { createModelPassState, type ModelPassSettings } from '../../run-pass/model-pass-state.ts';
import { createSharedBudgetGuard } from '../../shared-budget/shared-budget-guard.ts';
import { commandEnvironment } from '../../shell/command-environment.ts';
import type { AgentStepRecord } from '../../store/operations/agent-loops.ts';
import type { TaskDefinition } from '../../task/task-definition.ts';
import { loadWorkerScript } from '../../task/load-worker-script.ts';
import { taskPassOptions } from '../../task/task-pass-options.ts';
import { agentKind } from '../../worker-kinds/agent/agent-kind.ts';
import type { AgentRun } from '../../worker-kinds/agent/agent-run.ts';
import { openAgentRun } from '../../worker-kinds/agent/open-agent-run.ts';
import { commandKind, type CommandPassSettings } from '../../worker-kinds/command/command-kind.ts';
import { createSerializer } from '../../worker-kinds/command/serialize.ts';
import { rowKind } from '../../worker-kinds/row-kind.ts';
import { executeWith, type WorkerKind } from '../../worker-kinds/worker-kind.ts';
import { runPool } from '../../worker-pool/run-pool.ts';
import { governPassModel } from '../../pass/call-pass-model.ts';
import type { PassStop } from '../../pass/pass-result.ts';
import type { JobOutcome, StreamedStep } from '../job-outcome.ts';
import type { PassRecipe } from '../pass-recipe.ts';
import { createJobRecording, type JobRecording } from './job-recording.ts';
import type { WorkerEnvironment } from './worker-environment.ts';

/** One pass run as a worker holds it: answers its dispatches, until the pass stops. */
export interface WorkerPass {
  readonly passId: string;
  readonly runId: string;
  /** Calls of its dispatches under way that are sent and not yet answered. */
  callsInFlight(): number;
  /**
   * Does one dispatch (and the rows it hands back to do alone) and returns its outcome; `loop`: the
   * steps to resume its agent loop from; `streamStep`: hands each step back as it is recorded.
   */
  runJob(rows: PendingRow[], options: { loop: AgentStepRecord[] | undefined; signal: AbortSignal; streamStep?: (step: StreamedStep) => Promise<boolean> }): Promise<JobOutcome>;
  /** Stops the pass on this worker: calls in flight are aborted, their rows left pending. */
  stop(stop: PassStop): void;
  /** Lets go of what the pass holds (an agent's tools and MCP connections). */
  close(): Promise<void>;
}

// A pass with no caps: every call may go.
const unlimited: BudgetGuard = { reserve: () => ({ release() {} }), inFlight: 0, nextRelease: async () => {} };

/**
 * Builds a pass run from its recipe with the worker's own config, environment and keys: its model
 * (or command), schema, prompts, limiter (shared) and budget (shared). A recipe this worker cannot
 * build (a key, a function or an agent type it lacks) is an InvalidInputError or ModelConfigError.
 */
export async function openWorkerPass(recipe: PassRecipe, worker: WorkerEnvironment): Promise<WorkerPass> {
  // A pass this very process runs is answered with its own Swarm's config, environment and folder.
  const local = worker.local(recipe.passId);
  const environment: WorkerEnvironment =
    local === undefined ? worker : { ...worker, config: local.config, env: local.env, cwd: local.cwd, secrets: createSecretRedactor(local.env) };
  const run = createPassRun({
    passId: recipe.passId,
    // A pass's own recording is never used: each job records into its own (see `jobStateOf`).
    writer: { done() {}, failed() {}, attempt() {}, flush() {} },
    events: createEventBus(),
    secrets: environment.secrets,
    priced: false,
  });
  const { answer } = recipe;
  // A program named in Redis runs here only when this worker was told it may.
  const task = recipe.task as TaskDefinition | undefined;
  if (!environment.allowCommands && (answer.kind === 'command' || task?.workerScript !== undefined)) {
    throw new InvalidInputError(
      `it runs ${answer.kind === 'command' ? 'a shell command' : "a task file's worker script"} per row, and this worker runs no program a pass names: start it with --allow-commands (startWorker({ allowCommands: true })) on a Redis only you can write to`,
    );
  }
  let kindFor: (job: PassRun, recording: JobRecording) => WorkerKind<unknown>;
  let close = async () => {};
  if (answer.kind === 'command') {
    const settings = commandSettings(recipe, answer, environment);
    const gitAdmin = createSerializer();
    kindFor = (job) => commandKind(job, settings, gitAdmin);
  } else {
    const { settings, config } = await modelSettings(recipe, answer, environment);
    const { limiter, limiterKey } = limiterForModel({ limiters: environment.limiters, config }, settings.model, recipe.concurrency);
    const budget = recipe.budget === undefined ? unlimited : createSharedBudgetGuard({ redis: environment.redis, key: recipe.budget.key, limits: recipe.budget.limits });
    const state = createModelPassState(run, settings, {
      cache: undefined,
      budget,
      limiter,
      limiterKey,
      limiters: environment.limiters,
      config,
      env: environment.env,
    });
    let agent: AgentRun | undefined;
    if (settings.agent !== undefined) {
      const opened = await openAgentRun({ env: environment.env, loops: createJobRecording({ rowIds: [], resumed: undefined }).loops }, settings, state);
      agent = opened.run;
      close = opened.close;
    }
    const rowWorker = settings.worker;
    kindFor = (job, recording) => {
      const jobState = job as PassState;
      if (answer.cache) jobState.cache = recording.cache;
      if (agent !== undefined) {
        // The loop's tools are the pass's; its model records into the job, and so do its steps.
        return agentKind(jobState, { ...agent, governed: governPassModel(jobState, jobState, { recordAnswers: true }), loops: recording.loops });
      }
      return rowKind(jobState, rowWorker, settings.instruction);
    };
  }
  const running = new Set<JobRecording>();
  return {
    passId: recipe.passId,
    runId: recipe.runId,
    callsInFlight: () => [...running].reduce((sum, recording) => sum + recording.callsInFlight, 0),
    async runJob(rows, { loop, signal, streamStep }) {
      const recording = createJobRecording({ rowIds: rows.map((row) => row.id), resumed: loop, streamStep });
      const job = jobStateOf(run, recording, AbortSignal.any([run.signal, signal]));
      const kind = kindFor(job, recording);
      // Rows a batch answer left out are retried alone, in this job: its outcome covers every row it was given.
      const source = [rows];
      running.add(recording);
      try {
        await runPool({ workers: rows.length, source: { next: () => source.pop() }, execute: (dispatch) => executeWith(kind, dispatch), abortSignal: job.signal });
      } finally {
        running.delete(recording);
      }
      await recording.stepsSent();
      return recording.outcome(environment.id, run.stopped);
    },
    stop: (stop) => run.stop(stop),
    close: () => close(),
  };
}

/**
 * A job's view of its pass's state: its own recording, counts and stop signal (the pass's, or the
 * job's own cancellation), and everything else the pass's, seen through (the limiter, budget,
 * output estimate, refusal streak, and `stop`/`stopped` of the pass).
 */
function jobStateOf(run: PassRun, recording: JobRecording, signal: AbortSignal): PassRun {
  const job = Object.create(run) as PassRun & Partial<Pick<PassState, 'otherModels'>>;
  Object.assign(job, {
    writer: recording.writer,
    events: recording.events,
    usage: recording.usage,
    completed: 0,
    failed: 0,
    failures: [],
    signal,
  });
  // Other models' governed models record into the job that made them: one map per job.
  if ('otherModels' in run) job.otherModels = new Map();
  return job;
}

/** A path of the recipe: relative ones are inside the coordinator's working folder, and so inside the worker's. */
function localPath(environment: WorkerEnvironment, value: string): string;
function localPath(environment: WorkerEnvironment, value: string | undefined): string | undefined;
function localPath(environment: WorkerEnvironment, value: string | undefined): string | undefined {
  return value === undefined ? undefined : path.resolve(environment.cwd, value);
}

async function modelSettings(
  recipe: PassRecipe,
  answer: Extract<PassRecipe['answer'], { kind: 'model' }>,
  environment: WorkerEnvironment,
): Promise<{ settings: ModelPassSettings; config: SwarmConfig }> {
  const task = recipe.task as TaskDefinition | undefined;
  let config = environment.config;
  let taskWorker: RowWorker | Conversation | undefined;
  if (task !== undefined) {
    // A task file's pass is rebuilt from the task: its endpoint, stagger, worker script and conversations.
    const built = taskPassOptions(task, { config, env: environment.env, script: await loadWorkerScript(task), tableColumns: recipe.tableColumns });
    config = built.config;
    taskWorker = built.conversation ?? built.options.worker;
  }
  const bound = environment.local(recipe.passId);
  const instance = answer.bound ? bound?.model : undefined;
  if (answer.bound && instance === undefined) throw new InvalidInputError(`the model of pass ${recipe.passId} exists only in the process that runs it`);
  const model = resolveModel(instance ?? answer.model, { config, env: environment.env, secrets: environment.secrets });
  let worker: RowWorker | Conversation | undefined;
  if (answer.worker !== undefined) {
    worker = answer.worker.bound ? bound?.worker : (taskWorker ?? environment.functions[answer.worker.key] ?? bound?.worker);
    if (worker === undefined) {
      throw new InvalidInputError(
        answer.worker.bound
          ? `the worker function of pass ${recipe.passId} exists only in the process that runs it`
          : `no worker function is registered under workerKey "${answer.worker.key}": start the worker with startWorker({ functions: { ${JSON.stringify(answer.worker.key)}: fn } })`,
      );
    }
  }
  const schema = compileResponseSchema(recipe.responseSchema);
  const placeholders = Object.freeze([...recipe.placeholders]);
  const fingerprintOf = (responseSchema: unknown) => requestFingerprint({ model: model.spec, endpoint: model.endpoint, schema: responseSchema, maxOutputTokens: answer.maxOutputTokens });
  const settings: ModelPassSettings = {
    passId: recipe.passId,
    model,
    schema,
    instruction: answer.instruction,
    context: answer.context,
    placeholders,
    frame: createPromptFrame({ instruction: renderInstruction(answer.instruction, placeholders), context: answer.context, rowSchema: schema.row, batchSchema: schema.batch }),
    fileRoot: localPath(environment, answer.fileRoot),
    maxFileBytes: answer.maxFileBytes,
    maxAttempts: answer.maxAttempts,
    timeoutMs: recipe.timeoutMs,
    stream: answer.stream,
    firstTokenTimeoutMs: answer.firstTokenTimeoutMs,
    maxOutputTokens: answer.maxOutputTokens,
    worker,
    agent:
      answer.agent === undefined
        ? undefined
        : {
            type: findAgentType(answer.agent.type, { config, cwd: environment.cwd }),
            tableFileRoot: localPath(environment, answer.agent.tableFileRoot),
            // A replay reads its loops from the store: never on a worker (the backend refuses it).
            replayLoopsOf: undefined,
          },
    fingerprints: { single: fingerprintOf(schema.row), batch: fingerprintOf(schema.batch) },
  };
  return { settings, config };
}

function commandSettings(recipe: PassRecipe, answer: Extract<PassRecipe['answer'], { kind: 'command' }>, environment: WorkerEnvironment): CommandPassSettings {
  const cwd = localPath(environment, answer.cwd);
  if (!statSync(cwd, { throwIfNoEntry: false })?.isDirectory()) throw new InvalidInputError(`the command folder ${cwd} is not a folder on this worker`);
  const env = { ...commandEnvironment(environment.env, { keyVariables: keyVariables(environment.config), passEnv: answer.passEnv }), ...answer.env };
  const repository = answer.isolation === 'worktree' ? findRepository(cwd, gitEnvironment(env)) : undefined;
  const command: PreparedCommand = {
    template: answer.template,
    isolation: answer.isolation,
    cwd,
    repository,
    env: repository === undefined ? env : gitEnvironment(env),
    maxOutputBytes: answer.maxOutputBytes,
    fileRoot: localPath(environment, answer.fileRoot),
    outputSchema: answer.outputSchema === undefined ? undefined : compileResponseSchema(answer.outputSchema),
    stdinColumn: answer.stdinColumn,
  };
  return { passId: recipe.passId, table: { id: recipe.tableId }, command, placeholders: recipe.placeholders, timeoutMs: recipe.timeoutMs };
}
