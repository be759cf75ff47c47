import type { PlanRequest } from '../api-requests/plan-request-schema.ts';
import type { ResearchRequest } from '../api-requests/research-request-schema.ts';
import type { PlanResult } from '../plan/plan.ts';
import type { DaemonClient } from './daemon-client.ts';
import type { RunFollower } from './follow-run.ts';
import { runThroughDaemon } from './run-through-daemon.ts';

/**
 * A plan run done by the daemon (`POST /plans`, or `POST /research` for a research request):
 * its plan-start, task-start, task-end and plan-end events come back to `follower` (the CLI's
 * progress lines), and its result is returned as `runPlan` would return it.
 */
export async function runPlanThroughDaemon(
  client: DaemonClient,
  request: { plan: PlanRequest } | { research: ResearchRequest },
  follower: RunFollower,
  { abortSignal }: { abortSignal?: AbortSignal } = {},
): Promise<PlanResult> {
  const [path, json] = 'plan' in request ? ['/plans', request.plan] : ['/research', request.research];
  return (await runThroughDaemon(client, path, json, follower, { abortSignal, what: 'the plan run' })) as PlanResult;
}
