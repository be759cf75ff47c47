/**
 * A plan: a DAG of tasks, each done by an agent, one model call, a command, or a function, started
 * as soon as the tasks it depends on are done. The shape `swarm plan run plan.yaml`, `runPlan` and
 * the planner share.
 */
export interface Plan {
  /** A name for the plan; runs of the same plan content are found again by a hash of it. */
  name?: string;
  /** The goal the plan was made for, when a planner made it. */
  goal?: string;
  /** The planner's strategy the plan was made with (`research`, `code-analysis`, …), when a planner made it. */
  strategy?: string;
  /** Model routing: tasks naming no model go to `fast` when simple, `quality` when complex (see `routePlanTaskModel`). Default false. */
  route?: PlanRouting;
  /** Adaptive planning: after a task completes, the orchestrator model may add follow-up tasks, within bounds. The planner sets it true. Default false. */
  adapt?: PlanAdapting;
  tasks: PlanTask[];
}

/** `route:` of a plan: on (to the `fast` and `quality` aliases), or the models (specs or aliases) to route to. */
export type PlanRouting = boolean | { fast?: string; quality?: string };

/** `adapt:` of a plan: on, or on with its bounds. */
export type PlanAdapting = boolean | { maxAdded?: number; maxAddedTasks?: number };

/** One task of a plan. Exactly one of `agent`, `model`, `command` and `run` says how it is done (none: `model`, the default model). */
export interface PlanTask {
  /** Unique in the plan: letters, digits, `-`, `_`, `.`. */
  id: string;
  /** The prompt (or, for a command task, what it is for); `{tasks.<id>}` and `{tasks.<id>.<field>}` name upstream results. */
  description: string;
  /** Tasks whose results this one needs; it starts the moment they are all done. */
  dependsOn?: string[];
  /** A subagent type: the task is an agent loop with that type's tools. */
  agent?: string;
  /** A model spec or alias for one structured call (with `schema`) or one free-text answer. */
  model?: string;
  /** A shell command line (run as command workers run theirs); upstream results as JSON on stdin, `SWARM_TASK_ID` in its environment; its trimmed stdout is its result. */
  command?: string;
  /** Library only: a function given the upstream results, returning the task's result. */
  run?: (input: PlanTaskInput) => unknown | Promise<unknown>;
  /** JSON Schema the result must match (type object); without one a model task answers free text. */
  schema?: Record<string, unknown>;
  /** The task fails when it runs longer than this. */
  timeoutMs?: number;
  /** How many more times a failed task is run. Default 0. */
  retries?: number;
  /** Run only when this upstream result matches; otherwise the task is `skipped`. */
  if?: PlanCondition;
  /** A fast model scores the result; under the threshold the task runs once more with the critique. */
  critic?: boolean | { model?: string; threshold?: number };
  /** What a failed upstream task means for this one: `skip` (default) or `run` (it gets the failure as a marker). */
  onUpstreamFailure?: 'skip' | 'run';
  /** More values a command's `{name}` placeholders may use besides `{id}` and `{description}` (a wave entry's `{title}`, `{spec_path}`). */
  values?: Record<string, string | number | boolean>;
}

/** How a task of a plan is done: which of `model`, `agent`, `command` and `run` it has. */
export type PlanTaskKind = 'model' | 'agent' | 'command' | 'function';

/** A condition on an upstream task's result (`field` of an object result, or the whole result). */
export interface PlanCondition {
  task: string;
  field?: string;
  equals?: unknown;
  notEquals?: unknown;
  in?: unknown[];
  exists?: boolean;
}

/** What a function task gets: its id, its description (upstream placeholders filled), and its upstream tasks' results by id. */
export interface PlanTaskInput {
  taskId: string;
  upstream: Record<string, unknown>;
  signal: AbortSignal;
  description: string;
}

/** What a dependent with `onUpstreamFailure: 'run'` gets as the result of an upstream task that failed or was skipped. */
export interface UpstreamFailure {
  failed: true;
  /** Why: the upstream task's error, or why it was skipped. */
  error: string;
  /** The upstream task did not run (its own upstream failed, or its condition did not hold). */
  skipped?: true;
}

/** How a task of a plan run ended. */
export type PlanTaskStatus = 'pending' | 'running' | 'completed' | 'failed' | 'skipped';

/** What `runPlan` returns, and `swarm plan run --json` prints. */
export interface PlanResult {
  /** The plan run's id. */
  id: string;
  /** The table whose rows are the run's tasks: `swarm show <tableId> <task>` shows a task's transcript. */
  tableId: string;
  completed: number;
  failed: number;
  skipped: number;
  /** Tasks left undone because the run stopped (aborted); a re-run resumes them. */
  pending: number;
  tasks: Record<string, { status: PlanTaskStatus; result?: unknown; error?: string }>;
  /** Present when the run stopped before every task ended (aborted), saying why. */
  stopped?: { reason: 'aborted'; message: string };
}
