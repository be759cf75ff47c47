import type { PlanTask } from '../plan/plan.ts';
import { defaultCriticThreshold } from './critique.ts';

/** A task's critic, settled: its model (undefined: the run's critic model) and threshold. */
export interface CriticSettings {
  model: string | undefined;
  threshold: number;
}

/** The critic a task asks for (`critic: true` or `{ model, threshold }`), defaults applied; undefined when it asks for none. */
export function criticSettings(task: Pick<PlanTask, 'critic'>): CriticSettings | undefined {
  const { critic } = task;
  if (critic === undefined || critic === false) return undefined;
  if (critic === true) return { model: undefined, threshold: defaultCriticThreshold };
  return { model: critic.model, threshold: critic.threshold ?? defaultCriticThreshold };
}
