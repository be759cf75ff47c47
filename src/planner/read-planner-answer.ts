import type { ValidateFunction } from 'ajv';
import type { PlanTask } from '../plan/plan.ts';
import { describeValidationErrors } from '../pass/response-schema.ts';
import { linkUpstreamResults } from './link-upstream-results.ts';
import { planProblems } from './plan-problems.ts';
import { planStrategyNames, type PlanStrategyName } from './plan-strategy.ts';

/** A planning model's answer read into tasks, or the problems that keep it from being run. */
export type PlannerAnswer = { ok: true; tasks: PlanTask[]; strategy: PlanStrategyName | undefined } | { ok: false; problems: string[] };

interface AnsweredTask {
  id: string;
  description: string;
  kind: string;
  dependsOn: string[];
}

/**
 * Reads an answer to `plannerAnswerSchema`: it must match the schema, then make a plan that
 * `planProblems` finds nothing wrong with. A task of kind `model` is a model task; any other kind
 * is the agent of that name. Dependencies a description does not name are appended to it as
 * placeholders (`linkUpstreamResults`).
 */
export function readPlannerAnswer(value: unknown, { validate, agents, maxTasks }: { validate: ValidateFunction; agents: readonly string[]; maxTasks: number }): PlannerAnswer {
  if (value === undefined) return { ok: false, problems: ['the answer is not JSON'] };
  if (!validate(value)) return { ok: false, problems: [`the answer does not match the plan schema: ${describeValidationErrors(validate)}`] };
  const answer = value as { strategy?: string; tasks: AnsweredTask[] };
  const tasks = answer.tasks.map(({ id, description, kind, dependsOn }) =>
    linkUpstreamResults({ id, description, ...(dependsOn.length === 0 ? {} : { dependsOn }), ...(kind === 'model' ? {} : { agent: kind }) }),
  );
  const problems = planProblems({ tasks }, { maxTasks, agents });
  if (problems.length > 0) return { ok: false, problems };
  const strategy = planStrategyNames.find((name) => name === answer.strategy);
  return { ok: true, tasks, strategy };
}
