import type { SwarmContext } from '../context/swarm-context.ts';
import type { Plan } from '../plan/plan.ts';
import { createPlanBus } from '../plan-bus/create-plan-bus.ts';
import { planMemory } from '../plan-memory/plan-memory.ts';
import { governedSpecModel } from '../planner/governed-spec-model.ts';
import { hivemindHooks, type PlanTaskHooks } from './hivemind-hooks.ts';

/**
 * The hooks `swarm plan run` runs a plan with, in its process or the daemon's: BROADCAST: lines
 * offered to later tasks, critics for tasks that ask (the `fast` alias, else the plan's model),
 * and plan memory when `memory` is on.
 */
export function planRunHooks(context: SwarmContext, plan: Plan, { model, memory = false, abortSignal }: { model?: string; memory?: boolean; abortSignal: AbortSignal }): PlanTaskHooks {
  return hivemindHooks({
    runId: plan.name ?? plan.goal ?? 'plan',
    bus: createPlanBus({ taskOrder: plan.tasks.map((task) => task.id) }),
    ...(memory ? { memory: planMemory(context.store) } : {}),
    critic: {
      // Resolved when a task asks for a critic: a plan without one needs no critic model.
      get model() {
        return governedSpecModel(context, context.config.aliases.fast === undefined ? model : 'fast', abortSignal);
      },
      modelFor: (spec) => governedSpecModel(context, spec, abortSignal),
    },
    abortSignal,
  });
}
