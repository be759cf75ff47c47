import type { z } from 'zod';
import { configIssueMessage } from '../config/config-issue-message.ts';
import type { Plan } from './plan.ts';
import type { PlanProblem } from './plan-problem.ts';
import { planProblems, type TaskCheck } from './plan-problems.ts';
import { planSchema } from './plan-schema.ts';

/**
 * Every problem of a value given as a plan: its shape first, then, once it has one, every rule of
 * `planProblems`. `plan` is the plan as checked (a copy), when its shape is right.
 */
export function findPlanProblems(value: unknown, { checkTask }: { checkTask?: TaskCheck } = {}): { plan: Plan | undefined; problems: PlanProblem[] } {
  const parsed = planSchema.safeParse(value);
  if (!parsed.success) return { plan: undefined, problems: parsed.error.issues.map((issue) => ({ keyPath: keyPathOf(issue), message: configIssueMessage(issue, planSchema) })) };
  const plan = parsed.data as Plan;
  return { plan, problems: planProblems(plan, { checkTask }) };
}

/** Where a zod issue points: an unknown key's own path, else the issue's. */
function keyPathOf(issue: z.core.$ZodIssue): (string | number)[] {
  const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
  return issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]!] : path;
}
