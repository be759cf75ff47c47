import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { SwarmContext } from '../context/swarm-context.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { checkPlan } from '../plan/check-plan.ts';
import type { TaskCheck } from '../plan/plan-problems.ts';
import { adaptPlan } from '../planner/adapt-plan.ts';
import { agentSkills } from '../agents/agent-skills.ts';
import { governedSpecModel } from '../planner/governed-spec-model.ts';
import type { PlanAdapter } from './grow-plan-run.ts';
import { planDefaults, type RunPlanOptions } from './run-plan-options.ts';

/** Adaptive planning's settings, defaults applied. */
export interface AdaptSettings {
  maxAdded: number;
  maxAddedTasks: number;
  model: string | LanguageModelV4 | undefined;
}

/** `adapt` (the option, else the plan's) settled: undefined when the run does not adapt. */
export function adaptSettings(adapt: RunPlanOptions['adapt'], model: RunPlanOptions['model']): AdaptSettings | undefined {
  if (adapt === undefined || adapt === false) return undefined;
  if (adapt !== true && (adapt === null || typeof adapt !== 'object')) throw new InvalidInputError(`adapt must be true, false or { maxAdded?, maxAddedTasks?, model? }, got ${JSON.stringify(adapt)}`);
  const given = adapt === true ? {} : adapt;
  for (const [name, value] of [['maxAdded', given.maxAdded], ['maxAddedTasks', given.maxAddedTasks]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw new InvalidInputError(`adapt.${name} must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
  }
  return {
    maxAdded: given.maxAdded ?? planDefaults.maxAdded,
    maxAddedTasks: given.maxAddedTasks ?? planDefaults.maxAddedTasks,
    model: (given as { model?: string | LanguageModelV4 }).model ?? model,
  };
}

/**
 * Adaptive planning for a live run: `adaptPlan` with the orchestrator model (governed, under the
 * budget caps, its calls recorded on the run's table), follow-ups being model tasks or agent tasks
 * of a type the plan already uses, within `maxAdded` after one task and
 * `maxAddedTasks` in the run, the grown plan then checked as a plan given to `runPlan` is (agents,
 * models, schemas, cycles, placeholders); the new task ids join `taskIds`.
 */
export function planAdapter(
  swarm: SwarmContext,
  { planId, settings, checkTask, taskIds, abortSignal }: { planId: string; settings: AdaptSettings; checkTask: TaskCheck; taskIds: Set<string>; abortSignal: AbortSignal | undefined },
): PlanAdapter {
  // Resolved now: a run that cannot reach its orchestrator says so before any task runs.
  let model: LanguageModelV4;
  try {
    model = governedSpecModel(swarm, settings.model, { ledger: { tableId: planId, purpose: `adaptive planning of plan run ${planId}` }, abortSignal });
  } catch (error) {
    throw new InvalidInputError(`adaptive planning needs an orchestrator model (adapt.model, else the plan's model): ${(error as Error).message}`);
  }
  let skills: Record<string, string> | undefined;
  return async ({ plan, finished, result, notStarted, addedSoFar }) => {
    const room = settings.maxAddedTasks - addedSoFar;
    if (room <= 0 || settings.maxAdded === 0) return undefined;
    skills ??= agentSkills(swarm);
    // Follow-ups are model tasks, or agent tasks of a type the plan already uses (its tools suit the plan).
    const agents = Object.fromEntries(Object.entries(skills).filter(([name]) => plan.tasks.some((task) => task.agent === name)));
    const adaptation = await adaptPlan(plan, finished, result, { model, maxAdded: settings.maxAdded, maxTasks: plan.tasks.length + room, notStarted, agents, abortSignal });
    if (adaptation.problems !== undefined) return { problems: adaptation.problems };
    if (adaptation.added.length === 0) return { plan, added: [] };
    try {
      checkPlan(adaptation.plan, { checkTask });
    } catch (error) {
      if (!InvalidInputError.isInstance(error)) throw error;
      return { problems: [error.message] };
    }
    for (const task of adaptation.added) taskIds.add(task.id);
    return adaptation;
  };
}
