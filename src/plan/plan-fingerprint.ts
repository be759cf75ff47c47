import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json.ts';
import type { Plan } from './plan.ts';

/** A plan as the store keeps it: a function task's `run` as its source text. */
export type StoredPlan = Omit<Plan, 'tasks'> & { tasks: Array<Omit<Plan['tasks'][number], 'run'> & { run?: string }> };

/**
 * The plan as JSON: every task as written, a function task's `run` as its source text (so that
 * changing the function changes the plan).
 */
export function planJson(plan: Plan): StoredPlan {
  return { ...plan, tasks: plan.tasks.map(({ run, ...task }) => (run === undefined ? task : { ...task, run: run.toString() })) };
}

/**
 * The id of a run of a plan: a hash of its content and of what else decides its results (the
 * default model, for tasks naming none; the models tasks are routed to). Running the same plan again finds the same run, and
 * resumes it instead of starting over, as re-running a pass does. A function task counts by its
 * source text, not by what it captures.
 */
export function planFingerprint(plan: Plan, { model, route }: { model: string | undefined; route?: { fast: string; quality: string } }): string {
  // Routing counts only when on: the ids of runs without it stay as they were.
  const digest = createHash('sha256').update(canonicalJson({ plan: planJson(plan), model: model ?? null, ...(route === undefined ? {} : { route }) })).digest('hex');
  return `plan-${digest.slice(0, 12)}`;
}
