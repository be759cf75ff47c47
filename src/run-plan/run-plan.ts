import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { AgentType } from '../agents/agent-type.ts';
import { findAgentType } from '../agents/agent-types.ts';
import type { SwarmContext } from '../context/swarm-context.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { resolveModel } from '../model/resolve-model.ts';
import type { PassBackend } from '../run-pass/pass-backend.ts';
import { autoConcurrencyCap } from '../pass/model-limiter.ts';
import { passDefaults } from '../pass/pass-defaults.ts';
import { compileResponseSchema } from '../pass/response-schema.ts';
import { checkPlan } from '../plan/check-plan.ts';
import type { Plan, PlanResult, PlanTask, PlanTaskKind } from '../plan/plan.ts';
import { planFingerprint } from '../plan/plan-fingerprint.ts';
import type { TaskCheck } from '../plan/plan-problems.ts';
import { taskKindOf } from '../plan/task-kind.ts';
import { routePlanTaskModel } from '../model-routing/route-plan-task-model.ts';
import { executePlanRun } from './execute-plan-run.ts';
import { adaptSettings, planAdapter } from './plan-adapter.ts';
import { planHooks } from './plan-hooks.ts';
import { liveTaskRunner } from './run-live-task.ts';
import { planDefaults, type RunPlanOptions } from './run-plan-options.ts';

/**
 * Runs a plan: checks all of it before any task runs (see `planProblems`, plus every agent type,
 * model and schema), then runs its tasks as their inputs are done, durably (see `executePlanRun`),
 * with the Hivemind runtime's hooks (`planHooks`), model routing when asked (`route`), and
 * adaptive planning when asked (`adapt`, which the planner's plans set). The same plan run again
 * (same content, same default model, same routing) is the same run: it resumes.
 * `backend`: where model, agent and command tasks are answered, each a one-dispatch pass enqueued
 * the moment it is ready (function tasks run here: a function cannot travel). Default: here.
 */
export async function runPlan(swarm: SwarmContext, plan: Plan, options: RunPlanOptions = {}, backend?: PassBackend): Promise<PlanResult> {
  const settings = preparePlanOptions(options);
  const engine = planEngine(swarm, options.model, routingOf(options.route ?? plan?.route));
  const checked = checkPlan(plan, { checkTask: engine.checkTask });
  const adapting = adaptSettings(options.adapt ?? checked.adapt, options.model);
  const model = engine.defaultModelSpec(checked);
  const route = engine.routeSpecs(checked);
  const id = planFingerprint(checked, { model, ...(route === undefined ? {} : { route }) });
  const taskIds = new Set(checked.tasks.map((task) => task.id));
  const hooks = planHooks(swarm, { planId: id, plan: checked, options: settings });
  const runner = liveTaskRunner({ swarm, planId: id, tableId: id, taskIds, options: { ...settings, ...hooks }, modelFor: engine.modelFor, backend });
  return executePlanRun(swarm, {
    id,
    plan: checked,
    // The plan's model (and routing) is kept with the run: a fork of it re-runs tasks with the same one unless told otherwise.
    origin: { kind: 'plan', ...(model === undefined ? {} : { model }), ...(route === undefined ? {} : { route }) },
    runnerFor: () => runner,
    restore: hooks.restore,
    ...(adapting === undefined ? {} : { adapt: planAdapter(swarm, { planId: id, settings: adapting, checkTask: engine.checkTask, taskIds, abortSignal: settings.abortSignal }) }),
    ...schedulingOf(settings),
  });
}

/** `route` settled: the aliases or specs to route to, or undefined when the run does not route. */
export function routingOf(route: RunPlanOptions['route']): { fast: string; quality: string } | undefined {
  if (route === undefined || route === false) return undefined;
  if (route === true) return { fast: 'fast', quality: 'quality' };
  if (route === null || typeof route !== 'object') throw new InvalidInputError(`route must be true, false or { fast?, quality? }, got ${JSON.stringify(route)}`);
  return { fast: route.fast ?? 'fast', quality: route.quality ?? 'quality' };
}

/** `runPlan`'s options checked, with every default applied. */
export function preparePlanOptions(options: RunPlanOptions): RunPlanOptions & { timeoutMs: number; waves: boolean } {
  if (options === null || typeof options !== 'object') throw new InvalidInputError('runPlan options must be an object');
  for (const [name, value] of [['maxWorkers', options.maxWorkers], ['timeoutMs', options.timeoutMs]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new InvalidInputError(`${name} must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
  }
  return { ...options, timeoutMs: options.timeoutMs ?? planDefaults.timeoutMs, waves: options.waves ?? false };
}

/** The caps on tasks in flight: `maxWorkers` for all kinds together, else each kind's own default. */
export function schedulingOf(settings: Pick<RunPlanOptions, 'maxWorkers' | 'abortSignal'> & { waves: boolean }): {
  maxWorkers: number;
  kindCaps: Record<PlanTaskKind, number>;
  waves: boolean;
  abortSignal: AbortSignal | undefined;
} {
  const kindCaps =
    settings.maxWorkers !== undefined
      ? { model: Infinity, agent: Infinity, command: Infinity, function: Infinity }
      : // A model task's calls wait for its model's limiter, which adapts to the provider; agents hold
        // tools between calls, and commands a CPU, as in passes.
        { model: autoConcurrencyCap, agent: passDefaults.agentConcurrency, command: passDefaults.commandConcurrency, function: Infinity };
  return { maxWorkers: settings.maxWorkers ?? Infinity, kindCaps, waves: settings.waves, abortSignal: settings.abortSignal };
}

/**
 * What a plan's tasks need of the engine: checks of their agent types, models and schemas, and the
 * model each runs with. With `routing`, a task that would use the plan's model goes to
 * `routing.fast` or `routing.quality` instead, as `routePlanTaskModel` decides.
 */
export function planEngine(swarm: SwarmContext, model: string | LanguageModelV4 | undefined, routing?: { fast: string; quality: string }) {
  const agentTypes = new Map<string, AgentType>();
  const modelProblems = new Map<string | LanguageModelV4 | undefined, string | undefined>();
  const resolve = (spec: string | LanguageModelV4 | undefined) => resolveModel(spec, { config: swarm.config, env: swarm.env, secrets: swarm.secrets });
  const modelProblem = (spec: string | LanguageModelV4 | undefined): string | undefined => {
    if (!modelProblems.has(spec)) {
      try {
        resolve(spec);
        modelProblems.set(spec, undefined);
      } catch (error) {
        modelProblems.set(spec, (error as Error).message);
      }
    }
    return modelProblems.get(spec);
  };
  const agentType = (name: string): AgentType => {
    if (!agentTypes.has(name)) agentTypes.set(name, findAgentType(name, { config: swarm.config, cwd: swarm.cwd }));
    return agentTypes.get(name)!;
  };
  // The plan's model serves the tasks that name none: model tasks without `model`, agents whose type has none.
  const usesPlanModel = (task: PlanTask): boolean => {
    const kind = taskKindOf(task);
    return (kind === 'model' && task.model === undefined) || (kind === 'agent' && agentType(task.agent!).model === undefined);
  };
  const routed = (task: PlanTask) => routePlanTaskModel({ ...task, model: undefined }, routing);
  const modelFor = (task: PlanTask): string | LanguageModelV4 | undefined => {
    if (!usesPlanModel(task)) return task.model;
    return routing === undefined ? model : routed(task).model;
  };
  const checkTask: TaskCheck = (task) => {
    if (task.schema !== undefined) {
      try {
        compileResponseSchema(task.schema);
      } catch (error) {
        return { key: 'schema', message: (error as Error).message.replace(/^responseSchema/, 'schema') };
      }
    }
    const kind = taskKindOf(task);
    if (kind === 'agent') {
      let type: AgentType;
      try {
        type = agentType(task.agent!);
      } catch (error) {
        return { key: 'agent', message: (error as Error).message.replace(/^subagentType/, 'agent') };
      }
      const problem = modelProblem(type.model ?? modelFor(task));
      return problem === undefined ? undefined : { key: 'agent', message: `the model of agent ${type.name}: ${problem}` };
    }
    if (kind === 'model') {
      const problem = modelProblem(modelFor(task));
      if (problem === undefined) return undefined;
      if (task.model === undefined && routing !== undefined) return { key: 'description', message: `routed to ${routed(task).tier} (${String(modelFor(task))}): ${problem}` };
      return { key: task.model === undefined ? 'description' : 'model', message: problem };
    }
    return undefined;
  };
  return {
    checkTask,
    /** The plan model's spec when a task uses it (it then decides results, and so the run's id). */
    defaultModelSpec: (plan: Plan): string | undefined => (routing === undefined && plan.tasks.some(usesPlanModel) ? resolve(model).spec : undefined),
    /** With routing, when a task is routed, the specs of its two models (they decide results, and so the run's id). */
    routeSpecs: (plan: Plan): { fast: string; quality: string } | undefined =>
      routing === undefined || !plan.tasks.some(usesPlanModel) ? undefined : { fast: resolve(routing.fast).spec, quality: resolve(routing.quality).spec },
    modelFor,
  };
}
