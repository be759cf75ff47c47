import { isDeepStrictEqual } from 'node:util';
import type { PlanCondition } from './plan.ts';
import { referencedValue } from './task-references.ts';

/**
 * Whether an upstream result meets a task's `if`: the result (or its `field`, a dotted path) equals,
 * does not equal, is one of, or exists (not undefined, not null), compared as JSON values.
 */
export function conditionHolds(condition: PlanCondition, result: unknown): boolean {
  const value = condition.field === undefined ? result : referencedValue(result, condition.field.split('.'));
  if (condition.exists !== undefined) return (value !== undefined && value !== null) === condition.exists;
  if ('equals' in condition) return isDeepStrictEqual(value, condition.equals);
  if ('notEquals' in condition) return !isDeepStrictEqual(value, condition.notEquals);
  if (condition.in !== undefined) return condition.in.some((each) => isDeepStrictEqual(value, each));
  return false;
}

/** A condition in words, for why a task was skipped. */
export function describeCondition(condition: PlanCondition): string {
  const subject = condition.field === undefined ? `the result of ${condition.task}` : `${condition.task}.${condition.field}`;
  if (condition.exists !== undefined) return `${subject} ${condition.exists ? 'exists' : 'does not exist'}`;
  if ('equals' in condition) return `${subject} equals ${JSON.stringify(condition.equals)}`;
  if ('notEquals' in condition) return `${subject} does not equal ${JSON.stringify(condition.notEquals)}`;
  return `${subject} is one of ${JSON.stringify(condition.in)}`;
}
