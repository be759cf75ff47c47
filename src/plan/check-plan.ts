import type { z } from 'zod';
import { configIssueMessage } from '../config/config-issue-message.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { Plan } from './plan.ts';
import type { PlanProblem } from './plan-problem.ts';
import { planProblems, type TaskCheck } from './plan-problems.ts';
import { planSchema } from './plan-schema.ts';

/**
 * Checks a plan given in code (or read from a file) before anything runs: its shape, then every
 * rule of `planProblems`. Returns the plan as checked (a copy); throws an InvalidInputError listing
 * every problem otherwise. `lineOf` places a problem in a file, when the plan came from one.
 */
export function checkPlan(
  value: unknown,
  { checkTask, file, lineOf }: { checkTask?: TaskCheck; file?: string; lineOf?: (keyPath: readonly PropertyKey[]) => number | undefined } = {},
): Plan {
  const parsed = planSchema.safeParse(value);
  const problems: PlanProblem[] = parsed.success
    ? planProblems(parsed.data as Plan, { checkTask })
    : parsed.error.issues.map((issue) => ({ keyPath: keyPathOf(issue), message: configIssueMessage(issue, planSchema) }));
  if (problems.length === 0) return parsed.data as Plan;
  const located = problems.map(({ keyPath, message }) => ({ message, line: lineOf?.(keyPath) }));
  if (located.length === 1) throw new InvalidInputError(`invalid plan: ${located[0]!.message}`, { file, line: located[0]!.line });
  const listed = located.map(({ message, line }) => `  ${line === undefined ? '' : `line ${line}: `}${message}`);
  throw new InvalidInputError(`invalid plan: ${located.length} problems:\n${listed.join('\n')}`, { file });
}

/** Where a zod issue points: an unknown key's own path, else the issue's. */
function keyPathOf(issue: z.core.$ZodIssue): (string | number)[] {
  const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
  return issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]!] : path;
}
