/**
 * The goal as template tasks quote it: a `{tasks.` in it is broken up, so a goal cannot name another
 * task's result (a placeholder the plan runner would fill in).
 */
export function quoteGoal(goal: string): string {
  return goal.trim().replaceAll('{tasks.', '{ tasks.');
}
