import { estimateTokens } from '../call/estimate-tokens.ts';
import type { SwarmConfig } from '../config/swarm-config.ts';
import { criticAnswerSchema } from '../critic/critic-answer-schema.ts';
import { criticSettings } from '../critic/critic-settings.ts';
import { builtInProviders } from '../model/built-in-providers.ts';
import { chooseModelSpec } from '../model/choose-model-spec.ts';
import { costOf } from '../model/cost-of.ts';
import { findPrice } from '../model/find-price.ts';
import { parseModelSpec } from '../model/parse-model-spec.ts';
import { routePlanTaskModel } from '../model-routing/route-plan-task-model.ts';
import { guessSchemaOutputTokens } from '../pass/response-schema.ts';
import type { Plan, PlanTask } from '../plan/plan.ts';
import { taskReferencesOf } from '../plan/task-references.ts';
import { followUpPrompt, followUpSchema } from './adapt-plan.ts';

/** Options of `projectPlan`. */
export interface PlanProjectionOptions {
  /** The model (spec or alias) of model and agent tasks that name none. Default: SWARM_MODEL, then `model:` in config. */
  model?: string;
  /** Route tasks that name no model (`routePlanTaskModel`) to these models, as the run would. Default: no routing. */
  route?: { fast?: string; quality?: string };
  /** The model of critics whose task names none. Default: the task's own model. */
  criticModel?: string;
  /** Aliases and prices, as in swarm.config.yaml. Default: none. */
  config?: Pick<SwarmConfig, 'model' | 'aliases' | 'prices'>;
  env?: Readonly<Record<string, string | undefined>>;
  /** Output tokens of an answer without a schema. Default 400. */
  freeTextOutputTokens?: number;
  /** Adaptive planning, as the run would do it: its bounds, and the orchestrator model (default `model`). Default: none. */
  adapt?: { maxAdded: number; maxAddedTasks: number; model?: string };
}

/** What adaptive planning may add to a run, at most: the orchestrator's calls, and the added tasks' own. */
export interface AdaptiveProjection {
  /** The orchestrator's model. */
  model: string;
  /** One after each task that completes while there is room: the plan's tasks and every added one. */
  calls: number;
  /** Tasks it may add, each one model call on the plan's model. */
  maxAddedTasks: number;
  inputTokens: number;
  outputTokens: number;
  /** USD of the orchestrator's calls and the added tasks'; undefined when their models have no price. */
  cost: number | undefined;
}

/** What one task of a plan is projected to send. */
export interface TaskProjection {
  id: string;
  /** The model spec its calls go to; undefined for command and function tasks. */
  model: string | undefined;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** USD; undefined when its models have no price (or it calls none). */
  cost: number | undefined;
}

/** What running a plan is projected to send and cost (`--dry-run`), computed without any call. */
export interface PlanProjection {
  tasks: number;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** USD of the calls to models with a price; undefined when none has one. */
  cost: number | undefined;
  /** Models the plan calls that have no price: their calls are not in `cost`. */
  unpricedModels: string[];
  byTask: TaskProjection[];
  /** With `adapt`: what adaptive planning may add, at most (not in the totals above). */
  adaptive?: AdaptiveProjection;
}

// An agent loop that uses a tool makes at least two calls (the step calling it, then the answer), each sending the prompt.
const agentCalls = 2;
const toolCallTokens = 50;
// The critic's instructions and the framing of task and result, beside them.
const criticPromptTokens = 80;

/**
 * Projects a plan's calls, tokens and cost from its prompts and the models' prices: a model task
 * is one call; an agent task two (a step that calls a tool, then the answer), each sending the
 * prompt; a command or function task none; a critic one more, on its model. A prompt is its
 * description plus the projected answers of the upstream tasks it names; an answer is guessed from
 * its schema, else `freeTextOutputTokens`. With `adapt`, what adaptive planning may add at most is
 * projected apart (`adaptive`). Not counted: retries, critic re-runs, agent loops longer than two
 * steps, and what a run adds to prompts (broadcasts, memories).
 */
export function projectPlan(plan: Plan, { model, route, criticModel, config = { aliases: {}, prices: {} }, env = {}, freeTextOutputTokens = 400, adapt }: PlanProjectionOptions = {}): PlanProjection {
  const specOf = (spec: string | undefined) => chooseModelSpec(spec, { config, env });
  const outputs = new Map(plan.tasks.map((task) => [task.id, task.schema === undefined ? freeTextOutputTokens : guessSchemaOutputTokens(task.schema)]));
  const unpriced = new Set<string>();
  const priced = (spec: string, inputTokens: number, outputTokens: number) => {
    const price = priceOf(spec, config);
    if (price === undefined) unpriced.add(spec);
    return costOf({ inputTokens, outputTokens }, price);
  };
  const byTask = plan.tasks.map((task): TaskProjection => {
    if (task.command !== undefined || task.run !== undefined) return { id: task.id, model: undefined, calls: 0, inputTokens: 0, outputTokens: 0, cost: undefined };
    const spec = specOf(route === undefined ? (task.model ?? model) : (routePlanTaskModel(task, route).model ?? model));
    const prompt = promptTokens(task, outputs);
    const output = outputs.get(task.id)!;
    const calls = task.agent === undefined ? 1 : agentCalls;
    const inputTokens = prompt * calls;
    const outputTokens = task.agent === undefined ? output : output + toolCallTokens;
    const projection = { id: task.id, model: spec, calls, inputTokens, outputTokens, cost: priced(spec, inputTokens, outputTokens) };
    const critic = criticSettings(task);
    if (critic === undefined) return projection;
    const criticSpec = specOf(critic.model ?? criticModel ?? spec);
    const criticInput = criticPromptTokens + prompt + output;
    const criticOutput = guessSchemaOutputTokens(criticAnswerSchema);
    const criticCost = priced(criticSpec, criticInput, criticOutput);
    return {
      ...projection,
      calls: calls + 1,
      inputTokens: inputTokens + criticInput,
      outputTokens: outputTokens + criticOutput,
      cost: projection.cost === undefined && criticCost === undefined ? undefined : (projection.cost ?? 0) + (criticCost ?? 0),
    };
  });
  const costs = byTask.flatMap((task) => (task.cost === undefined ? [] : [task.cost]));
  const adaptive = adapt === undefined ? undefined : projectAdaptive(plan, { ...adapt, model: specOf(adapt.model ?? model), taskModel: specOf(model), outputs, freeTextOutputTokens, priced });
  return {
    tasks: plan.tasks.length,
    calls: sum(byTask.map((task) => task.calls)),
    inputTokens: sum(byTask.map((task) => task.inputTokens)),
    outputTokens: sum(byTask.map((task) => task.outputTokens)),
    cost: costs.length === 0 ? undefined : sum(costs),
    unpricedModels: [...unpriced],
    byTask,
    ...(adaptive === undefined ? {} : { adaptive }),
  };
}

/**
 * Adaptive planning at most: one orchestrator call after every task, the plan's and each added
 * one (sent the plan's task list, the task and its projected answer; answering a full proposal),
 * and each added task one free-text call on the plan's model, sent its upstream task's answer.
 */
function projectAdaptive(
  plan: Plan,
  { maxAdded, maxAddedTasks, model, taskModel, outputs, freeTextOutputTokens, priced }: {
    maxAdded: number;
    maxAddedTasks: number;
    model: string;
    taskModel: string;
    outputs: ReadonlyMap<string, number>;
    freeTextOutputTokens: number;
    priced: (spec: string, inputTokens: number, outputTokens: number) => number | undefined;
  },
): AdaptiveProjection {
  const asked = plan.tasks.map((task) => estimateTokens(JSON.stringify(followUpPrompt(plan, task, '', {}))) + outputs.get(task.id)!);
  const perCall = Math.ceil(sum(asked) / Math.max(1, asked.length));
  const proposal = guessSchemaOutputTokens(followUpSchema(Math.max(1, maxAdded), []));
  const calls = maxAdded === 0 ? 0 : plan.tasks.length + maxAddedTasks;
  const added = maxAdded === 0 ? 0 : maxAddedTasks;
  const orchestrator = { input: sum(asked) + perCall * added, output: proposal * calls };
  const tasks = { input: added * (Math.ceil(proposal / Math.max(1, maxAdded)) + freeTextOutputTokens), output: added * freeTextOutputTokens };
  const costs = [priced(model, orchestrator.input, orchestrator.output), added === 0 ? undefined : priced(taskModel, tasks.input, tasks.output)].filter((cost) => cost !== undefined);
  return {
    model,
    calls,
    maxAddedTasks: added,
    inputTokens: orchestrator.input + tasks.input,
    outputTokens: orchestrator.output + tasks.output,
    cost: costs.length === 0 ? undefined : sum(costs),
  };
}

/** The task's description without its placeholders, plus the projected answer of each upstream task a placeholder names. */
function promptTokens(task: PlanTask, outputs: ReadonlyMap<string, number>): number {
  let tokens = estimateTokens(task.description.replace(/\{tasks\.[A-Za-z0-9_.-]+\}/g, ''));
  for (const { taskId } of taskReferencesOf(task.description, new Set(task.dependsOn ?? [])).references) tokens += outputs.get(taskId) ?? 0;
  return tokens;
}

function priceOf(spec: string, config: Pick<SwarmConfig, 'prices'>) {
  const { provider, modelId } = parseModelSpec(spec);
  // Prices are per account: `openai-responses:` models bill as `openai:` ones.
  const account = Object.hasOwn(builtInProviders, provider) ? (builtInProviders[provider]!.accountProvider ?? provider) : provider;
  return findPrice(account, modelId, config.prices);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
