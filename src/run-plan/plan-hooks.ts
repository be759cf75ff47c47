import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { SwarmContext } from '../context/swarm-context.ts';
import { criticSettings } from '../critic/critic-settings.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { hivemindHooks } from '../hivemind-hooks/hivemind-hooks.ts';
import { createPlanBus } from '../plan-bus/create-plan-bus.ts';
import { planMemory } from '../plan-memory/plan-memory.ts';
import type { Plan } from '../plan/plan.ts';
import { governedSpecModel } from '../planner/governed-spec-model.ts';
import type { RunPlanOptions } from './run-plan-options.ts';

/**
 * The hooks of a plan run, the same from the CLI and from code: the Hivemind runtime (the bus
 * unless `bus: false`, memory with `memory: true`, critics for tasks asking for one, their calls
 * governed and recorded on the run's table) around the caller's own hooks: its `beforeTask` first
 * (so a free-text prompt still ends with the bus's invitation), its `afterTask` after the critic's.
 */
export function planHooks(
  swarm: SwarmContext,
  { planId, plan, options }: { planId: string; plan: Plan; options: RunPlanOptions },
): Required<Pick<RunPlanOptions, 'beforeTask' | 'afterTask'>> & { restore(taskId: string, result: unknown): void } {
  const criticModels = new Map<string | LanguageModelV4 | undefined, LanguageModelV4>();
  const defaultCritic = () => options.criticModel ?? (swarm.config.aliases.fast === undefined ? options.model : 'fast');
  // Made when a task asks for a critic: a plan without one needs no critic model.
  const criticModel = (spec: string | LanguageModelV4 | undefined) => {
    if (!criticModels.has(spec)) {
      criticModels.set(spec, governedSpecModel(swarm, spec, { ledger: { tableId: planId, purpose: `critics of plan run ${planId}` }, abortSignal: options.abortSignal }));
    }
    return criticModels.get(spec)!;
  };
  const bus = options.bus === false ? undefined : createPlanBus({ taskOrder: plan.tasks.map((task) => task.id) });
  const hivemind = hivemindHooks({
    runId: plan.name ?? plan.goal ?? 'plan',
    ...(bus === undefined ? {} : { bus }),
    ...(options.memory === true ? { memory: planMemory(swarm.store) } : {}),
    critic: {
      get model() {
        return criticModel(defaultCritic());
      },
      modelFor: criticModel,
    },
    abortSignal: options.abortSignal,
  });
  // The critics the plan's tasks ask for are resolved now: one that cannot be reached is an error before any task runs.
  for (const task of plan.tasks) {
    const settings = criticSettings(task);
    if (settings === undefined) continue;
    try {
      criticModel(settings.model ?? defaultCritic());
    } catch (error) {
      throw new InvalidInputError(`task ${task.id} asks for a critic; its model: ${(error as Error).message}`);
    }
  }
  return {
    /** A task an earlier run completed: its broadcasts are offered again, so a resumed run's prompts are an unbroken run's. */
    restore(taskId, result) {
      bus?.publish(taskId, result);
    },
    async beforeTask(task, prompt) {
      const text = options.beforeTask === undefined ? prompt : await options.beforeTask(task, prompt);
      return hivemind.beforeTask(task, text);
    },
    async afterTask(task, result, context) {
      const verdict = await hivemind.afterTask(task, result, context);
      if (verdict?.retry !== undefined || options.afterTask === undefined) return verdict;
      return (await options.afterTask(task, result, context)) ?? undefined;
    },
  };
}
