import { agentSkills } from '../agents/agent-skills.ts';
import { parseRequest } from '../api-requests/parse-request.ts';
import { planRequestSchema, type PlanRequest } from '../api-requests/plan-request-schema.ts';
import { checkPlan } from '../plan/check-plan.ts';
import type { Plan, PlanResult } from '../plan/plan.ts';
import { planForGoal } from '../planner/plan-for-goal.ts';
import { runPlan } from '../run-plan/run-plan.ts';
import type { RunKind } from './run-kind.ts';

/**
 * A plan run: `swarm plan run` with a plan document, or `--goal` (the plan is made first, then
 * kept as the run's request, so that a resumed run runs that plan rather than a new one). The
 * plan's shape and rules are checked as the request is read; its agents, models and schemas as
 * the run starts, before any task runs. Resumed, completed tasks keep their results.
 */
export const planRunKind: RunKind<PlanRequest, PlanResult> = {
  name: 'plan',
  parse(value) {
    const request = parseRequest(planRequestSchema, value, 'plan request');
    return request.plan === undefined ? request : { ...request, plan: checkPlan(request.plan) as unknown as Record<string, unknown> };
  },
  async execute(context, request, { id, abortSignal }) {
    const { plan: given, goal, ...options } = request;
    let plan = given as Plan | undefined;
    if (plan === undefined) {
      plan = await planForGoal(context, goal!, { model: options.model, agents: agentSkills(context), abortSignal });
      const { goal: _, ...planned } = request;
      context.store.runs.replaceRequest(id, { ...planned, plan });
    }
    // runPlan's own hooks (the bus, critics; memory when asked), as in swarm plan run.
    return runPlan(context, plan, { ...options, abortSignal });
  },
};
