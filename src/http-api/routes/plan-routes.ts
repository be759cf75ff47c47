import { planRequestSchema } from '../../api-requests/plan-request-schema.ts';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import { planRunReport } from '../../run-plan/plan-run-report.ts';
import type { RunManager } from '../../runs/run-manager.ts';
import type { RunView } from '../../runs/run-view.ts';
import { acceptedRun } from '../accepted-run.ts';
import type { ApiRoute } from '../api-route.ts';
import { wholeQuery } from '../query-values.ts';
import { readJsonBody } from '../read-json-body.ts';

const listLimit = 100;

/** The daemon's run that is running plan run `planId` now, if any. */
export function liveRunOf(runs: RunManager, planId: string): RunView | undefined {
  return runs.active().find((run) => run.progress?.planId === planId);
}

/** Plans: start one (a plan document or a goal), list the store's plan runs, show one, cancel one. */
export const planRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/plans',
    summary:
      'Run a plan: `{ plan }` (a plan document, as a plan file holds) or `{ goal }` (the planner makes the plan first), plus `model`, `maxWorkers`, `waves`, `timeoutMs`, `memory`. The whole plan is checked before any task runs. It runs in the daemon whoever disconnects; its task-start, task-end and plan-end events are on /runs/{id}/events. The same plan run again resumes it.',
    body: planRequestSchema,
    responses: {
      202: { description: '`{ run: { id, kind: "plan", status, progress: { planId, total, done, failed } } }`; Location: /runs/{id}.' },
      400: { description: 'A plan refused before any task ran (its problems named, e.g. a cycle, an unknown dependency or agent, a bad schema or model): `{ error }`; no run is left.' },
      409: { description: 'The same plan run is already running (`PlanBusyError`).' },
    },
    async handler(c, { runs }) {
      return acceptedRun(c, await runs.start('plan', await readJsonBody(c, planRequestSchema, 'plan request')));
    },
  },
  {
    method: 'GET',
    path: '/plans',
    summary: 'Plan runs of the store, most recently updated first.',
    query: { limit: 'At most this many (≤ 100, the default).' },
    responses: { 200: { description: '`{ plans: [{ id, name?, status, updatedAt, runId? }] }`: `runId` is the daemon run running it now.' } },
    handler(c, { swarm, runs }) {
      const plans = swarm.context.store.planRuns.recent(Math.min(wholeQuery(c, 'limit') ?? listLimit, listLimit));
      return c.json({ plans: plans.map((plan) => ({ ...plan, ...withRunId(liveRunOf(runs, plan.id)) })) });
    },
  },
  {
    method: 'GET',
    path: '/plans/:id',
    summary:
      "A plan run (plan-…): its status, counts, each task's status, kind, dependencies, result or error, runs and duration, its stored events (plan-start, task-created, task-start, task-end, plan-end), and `runId` while the daemon runs it.",
    responses: { 200: { description: 'The plan run: `{ id, status, completed, failed, skipped, pending, tasks, events, runId? }`.' }, 404: { description: 'No such plan run.' } },
    handler(c, { swarm, runs }) {
      const planId = c.req.param('id')!;
      const { store } = swarm.context;
      return c.json({ ...planRunReport(store, planId), events: store.events.ofPlanRun(planId), ...withRunId(liveRunOf(runs, planId)) });
    },
  },
  {
    method: 'POST',
    path: '/plans/:id/cancel',
    summary: 'Cancel the daemon run running this plan run: tasks under way are stopped and left pending with the rest; running the same plan again resumes it.',
    responses: { 200: { description: 'The daemon run, now `cancelled`.' }, 400: { description: 'The plan run is not running in this daemon.' }, 404: { description: 'No such plan run.' } },
    handler(c, { swarm, runs }) {
      const planId = c.req.param('id')!;
      const report = planRunReport(swarm.context.store, planId);
      const run = liveRunOf(runs, planId);
      if (run === undefined) throw new InvalidInputError(`plan run ${planId} is not running in this daemon (it is ${report.status})`);
      return c.json(runs.cancel(run.id));
    },
  },
];

/** `{ runId }` of the daemon run running a plan run, or nothing. */
export function withRunId(run: RunView | undefined): { runId?: string } {
  return run === undefined ? {} : { runId: run.id };
}
