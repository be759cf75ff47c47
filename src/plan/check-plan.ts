import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { findPlanProblems } from './find-plan-problems.ts';
import type { Plan } from './plan.ts';
import type { TaskCheck } from './plan-problems.ts';

/**
 * Checks a plan given in code (or read from a file) before anything runs: its shape, then every
 * rule of `planProblems`. Returns the plan as checked (a copy); throws an InvalidInputError listing
 * every problem otherwise. `lineOf` places a problem in a file, when the plan came from one.
 */
export function checkPlan(
  value: unknown,
  { checkTask, file, lineOf }: { checkTask?: TaskCheck; file?: string; lineOf?: (keyPath: readonly PropertyKey[]) => number | undefined } = {},
): Plan {
  const { plan, problems } = findPlanProblems(value, { checkTask });
  if (problems.length === 0) return plan!;
  const located = problems.map(({ keyPath, message }) => ({ message, line: lineOf?.(keyPath) }));
  if (located.length === 1) throw new InvalidInputError(`invalid plan: ${located[0]!.message}`, { file, line: located[0]!.line });
  const listed = located.map(({ message, line }) => `  ${line === undefined ? '' : `line ${line}: `}${message}`);
  throw new InvalidInputError(`invalid plan: ${located.length} problems:\n${listed.join('\n')}`, { file });
}
