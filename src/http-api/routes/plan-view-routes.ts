import { z } from 'zod';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import { NotFoundError } from '../../errors/not-found-error.ts';
import type { StoredPlan } from '../../plan/plan-fingerprint.ts';
import { planRunReport } from '../../run-plan/plan-run-report.ts';
import type { ApiRoute } from '../api-route.ts';
import { liveRunOf, withRunId } from './plan-routes.ts';
import { readJsonBody } from '../read-json-body.ts';
import { streamedResponse, type StreamItem } from '../streamed-response.ts';
import { acceptedRun } from '../accepted-run.ts';

const replaySchema = z.strictObject({
  from: z.string().min(1).optional().describe('Fork from this task: it and everything downstream of it run again for real; the rest is replayed.'),
  model: z.string().min(1).optional().describe('With from: the model the tasks that run again use.'),
});

// How often a plan run's stream looks at the store for changes (the run may be in another process).
const watchMs = 250;

/** A plan run (from `POST /plans`, `swarm plan run`, the library or a replay) followed live, one of its tasks in depth, and its replay or fork. */
export const planViewRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/plans/:id/events',
    summary:
      'A plan run as server-sent events: its report (as GET /plans/{id}, without the events; `runId` while this daemon runs it) at once, then again each time a task changes, wherever the run runs (this daemon, the CLI, the library); the stream ends once the run has finished or stopped.',
    responses: { 200: { description: 'One `data:` report per change.', contentType: 'text/event-stream' }, 404: { description: 'No such plan run.' } },
    handler(c, { swarm, runs }) {
      const { store } = swarm.context;
      const runId = c.req.param('id')!;
      planRunReport(store, runId);
      async function* reports(signal: AbortSignal): AsyncGenerator<StreamItem> {
        let last = '';
        let id = 0;
        while (!signal.aborted) {
          const report = { ...planRunReport(store, runId), ...withRunId(liveRunOf(runs, runId)) };
          const text = JSON.stringify(report);
          if (text !== last) {
            last = text;
            yield { id: ++id, value: report };
          }
          if (report.status !== 'running') return;
          await new Promise((resolve) => setTimeout(resolve, watchMs));
        }
      }
      return streamedResponse(reports, { format: 'sse' });
    },
  },
  {
    method: 'GET',
    path: '/plans/:id/tasks/:taskId',
    summary: "One task of a plan run in depth: its definition and prompt (its input), the upstream results it was given, its state, result or error, its events (critic scores among them), every provider call it made, and its agent loops' transcript.",
    responses: { 200: { description: '`{ task, definition, upstream, events, attempts, loops }`' }, 404: { description: 'No such plan run or task.' } },
    async handler(c, { swarm }) {
      const { store } = swarm.context;
      const runId = c.req.param('id')!;
      const taskId = c.req.param('taskId')!;
      const report = planRunReport(store, runId);
      const task = report.tasks.find((each) => each.id === taskId);
      if (task === undefined) throw new NotFoundError('task', taskId, `Plan run ${runId} has tasks ${report.tasks.map((each) => each.id).join(', ')}`);
      const definition = (store.planRuns.find(runId)!.plan as StoredPlan).tasks.find((each) => each.id === taskId);
      const upstream = Object.fromEntries(task.dependsOn.map((id) => [id, report.tasks.find((each) => each.id === id)?.result]));
      const events = store.events.ofPlanRun(runId).filter((event) => (event.data as { taskId?: string }).taskId === taskId);
      const { loops } = await swarm.transcript(report.tableId, taskId);
      return c.json({ planRunId: runId, task, definition, upstream, events, attempts: store.attempts.ofRow(report.tableId, taskId), loops });
    },
  },
  {
    method: 'POST',
    path: '/plans/:id/replay',
    summary:
      'Replay a plan run as a new run from its recorded answers (no provider call), or with `from` fork it: that task and everything downstream run again for real (with `model`). Runs here in the background; the new plan run appears in GET /plans with `origin.of` this run.',
    body: replaySchema,
    responses: {
      202: { description: '`{ run }`; Location: /runs/{id}.' },
      400: { description: 'A bad task or model.' },
      404: { description: 'No such plan run.' },
      409: { description: 'That replay is already running.' },
    },
    async handler(c, { runs, swarm }) {
      const planRunId = c.req.param('id')!;
      const { from, model } = await readJsonBody(c, replaySchema, 'replay');
      const report = planRunReport(swarm.context.store, planRunId);
      if (from !== undefined && !report.tasks.some((task) => task.id === from)) throw new InvalidInputError(`plan run ${planRunId} has no task ${JSON.stringify(from)}`);
      return acceptedRun(c, await runs.start('plan-replay', { planRunId, from, model }));
    },
  },
];
