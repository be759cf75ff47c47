import type { LanguageModelV4 } from '@ai-sdk/provider';
import { askForJson } from '../call/ask-for-json.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { compileJsonSchema } from '../json-schema/compile-json-schema.ts';
import type { Plan } from '../plan/plan.ts';
import { askStrategy } from './ask-strategy.ts';
import { planName } from './plan-name.ts';
import { planStrategyNames, type PlanStrategyName } from './plan-strategy.ts';
import { plannerAnswerSchema } from './planner-answer-schema.ts';
import { plannerPrompt, plannerRetryPrompt } from './planner-prompt.ts';
import { PlanningError } from './planning-error.ts';
import { readPlannerAnswer } from './read-planner-answer.ts';
import { selectStrategy } from './select-strategy.ts';
import { strategyNamed } from './strategies/built-in-strategies.ts';
import { templatePlan } from './template-plan.ts';

/** Options of `planGoal`. */
export interface PlanGoalOptions {
  /** The orchestrator model; give a governed one (`governModel`) for limits, budget, retries and recording. */
  model: LanguageModelV4;
  /** A built-in strategy. Default: the one the goal's words pick (`selectStrategy`), else the model's choice. */
  strategy?: PlanStrategyName;
  /** The most tasks the plan may have. Default 12. */
  maxTasks?: number;
  /**
   * `model`: the model writes the DAG. `template`: the strategy's template DAG, with no call but,
   * when the goal's words pick no strategy, one to choose it. Default: `template` for the mock
   * provider (its schema-valid answers name no real dependencies), else `model`.
   */
  source?: 'model' | 'template';
  /** With `source: 'template'`: parallel tasks in the template's fan-out. Default 3. */
  branches?: number;
  /** Agent types the model may give tasks to, by name, each with what it can do. Default none: every task is one model answer. */
  agents?: Readonly<Record<string, string>>;
  abortSignal?: AbortSignal;
}

/** Tasks a planned plan may have unless `maxTasks` says otherwise. */
export const defaultMaxTasks = 12;

/**
 * Turns a goal into a plan, recording the goal and the strategy in it, with `adapt: true`. With a model writing the
 * DAG (see `source`), its answer (structured output, `plannerAnswerSchema`) is checked in code:
 * the schema, unique ids, known dependencies, no cycle, a known kind per task, placeholders naming
 * only dependencies. A plan with problems is asked for once more, with the problems; still wrong,
 * it is a PlanningError naming them.
 */
export async function planGoal(
  goal: string,
  { model, strategy, maxTasks = defaultMaxTasks, source, branches, agents = {}, abortSignal }: PlanGoalOptions,
): Promise<Plan> {
  if (typeof goal !== 'string' || goal.trim() === '') throw new InvalidInputError('the goal is empty: say what the plan is for');
  if (!Number.isInteger(maxTasks) || maxTasks < 1) throw new InvalidInputError(`maxTasks must be a whole number ≥ 1, got ${maxTasks}`);
  if (strategy !== undefined && !planStrategyNames.includes(strategy)) {
    throw new InvalidInputError(`unknown strategy ${JSON.stringify(strategy)}; the strategies are ${planStrategyNames.join(', ')}`);
  }
  const chosen = strategy ?? selectStrategy(goal)?.name;
  // A plan made for a goal may grow as its results come in (adaptive planning, within bounds).
  const base = { name: planName(goal), goal: goal.trim(), adapt: true };
  if ((source ?? (model.provider === 'mock' ? 'template' : 'model')) === 'template') {
    const name = chosen ?? (await askStrategy(model, goal, { abortSignal }));
    return { ...base, strategy: name, tasks: templatePlan(strategyNamed(name), goal, { maxTasks, branches }) };
  }
  const schema = plannerAnswerSchema({ askStrategy: chosen === undefined, agents: Object.keys(agents), maxTasks });
  const read = { validate: compileJsonSchema(schema), agents: Object.keys(agents), maxTasks };
  const prompt = plannerPrompt(goal, { strategy: chosen, agents, maxTasks });
  const first = await askForJson(model, { prompt, schema, abortSignal });
  let answer = readPlannerAnswer(first.value, read);
  let text = first.text;
  if (!answer.ok) {
    const second = await askForJson(model, { prompt: plannerRetryPrompt(prompt, first.text, answer.problems), schema, abortSignal });
    answer = readPlannerAnswer(second.value, read);
    text = second.text;
  }
  if (!answer.ok) throw new PlanningError(answer.problems, { answer: text });
  return { ...base, strategy: chosen ?? answer.strategy, tasks: answer.tasks };
}
