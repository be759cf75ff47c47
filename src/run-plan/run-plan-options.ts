import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { PlanAdapting, PlanRouting, PlanTask } from '../plan/plan.ts';

/** What `afterTask` may ask for: run the task once more, its prompt followed by `retry` (a critique, say). */
export interface AfterTaskVerdict {
  retry?: string;
  /** What a critic made of the result: kept with the plan run as a `critic-end` event (the dashboard shows it). */
  review?: { score: number; critique: string; pass: boolean };
}

/** Options of `runPlan`. Defaults are given per field. */
export interface RunPlanOptions {
  /**
   * Tasks in flight at most, of every kind together. Default: no plan-wide cap; model tasks wait for
   * their model's limiter (adaptive, as a pass's calls do), and at most 16 agent tasks, one command
   * task per CPU, and any number of function tasks run at once.
   */
  maxWorkers?: number;
  /** agentops' waves: a task that becomes ready waits until every task of the running wave has ended. Default false: it starts at once. */
  waves?: boolean;
  /**
   * The model of model tasks that name none, and of agent tasks whose type names none: a spec, an
   * alias, or a LanguageModelV4 instance. Default `SWARM_MODEL`, then `model:` in swarm.config.yaml.
   */
  model?: string | LanguageModelV4;
  /** A task running longer than this fails (its calls or command are stopped), unless it sets its own `timeoutMs`. Default 1800000 (30 min). */
  timeoutMs?: number;
  /** Stops the run: tasks under way are stopped and left pending with the ones not started; a re-run resumes them. */
  abortSignal?: AbortSignal;
  /**
   * The message bus: a free-text model or agent task is told how to broadcast a finding (a result
   * line starting `BROADCAST:`) and offered what earlier tasks of the run broadcast. Default true,
   * as in `swarm plan run`: the same plan makes the same prompts from the CLI and from code.
   */
  bus?: boolean;
  /** Plan memory: each model or agent task is offered the store's findings most relevant to it, and its result kept as one. Default false. */
  memory?: boolean;
  /**
   * The model of critics of tasks with `critic` that name none: a spec, alias or instance. Default:
   * the `fast` alias when swarm.config.yaml has one, else `model`.
   */
  criticModel?: string | LanguageModelV4;
  /** Model routing (see `routePlanTaskModel`): true, or the `fast` and `quality` models. Default: the plan's `route`, else false. */
  route?: PlanRouting;
  /**
   * Adaptive planning: after a task completes, the orchestrator model may add follow-up tasks
   * (each depending on it, at most `maxAdded` (3) after one task and `maxAddedTasks` (10) in the
   * run), recorded with the run, so a resumed run and a replay have them. `model` is the
   * orchestrator (default: `model`). Default: the plan's `adapt`, else false.
   */
  adapt?: PlanAdapting | { maxAdded?: number; maxAddedTasks?: number; model?: string | LanguageModelV4 };
  /**
   * Called as a task starts (each run of it), with its description, upstream placeholders filled;
   * returns the prompt to use instead (memories and broadcasts are added after it).
   */
  beforeTask?: (task: PlanTask, prompt: string) => string | Promise<string>;
  /**
   * Called when a task completed, with its result (after its critic, when it has one and was
   * satisfied); `{ retry }` runs it once more with the prompt followed by `retry` (at most 3 times
   * per task), as a critic asks.
   */
  afterTask?: (task: PlanTask, result: unknown, context: { prompt: string; run: number }) => AfterTaskVerdict | undefined | void | Promise<AfterTaskVerdict | undefined | void>;
}

/** The defaults of `runPlan`'s options, applied in one place. */
export const planDefaults = Object.freeze({
  /** Every task has a deadline: a plan always ends. */
  timeoutMs: 1_800_000,
  /** How many more times `afterTask` may have a completed task run. */
  maxReviewRuns: 3,
  /** Adaptive planning: tasks added after one task, at most. */
  maxAdded: 3,
  /** Adaptive planning: tasks added to one run, at most. */
  maxAddedTasks: 10,
});
