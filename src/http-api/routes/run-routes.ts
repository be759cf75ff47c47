import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import type { ApiRoute } from '../api-route.ts';
import { wholeQuery } from '../query-values.ts';
import { streamedResponse, type StreamItem } from '../streamed-response.ts';
import { acceptedRun } from '../accepted-run.ts';

/** Runs (passes, fan-outs, task files' jobs, plans and research started here): list, show, cancel, and their events. */
export const runRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/runs',
    summary: 'Runs of the store, newest first.',
    query: { limit: 'At most this many (≤ 100, the default).', before: 'Continue after this run id (`next` of the previous page).' },
    responses: { 200: { description: '`{ runs: [{ id, kind, status, createdAt, updatedAt, progress?, result?, error? }], next? }`' } },
    handler: (c, { runs }) => c.json(runs.list({ limit: wholeQuery(c, 'limit'), before: c.req.query('before') })),
  },
  {
    method: 'GET',
    path: '/runs/:id',
    summary: 'One run: what it was asked (`request`: a pass its table and options, caps included), its status, progress while it runs, and its result or error once it ended.',
    responses: { 200: { description: 'The run.' }, 404: { description: 'No such run.' } },
    handler(c, { runs, swarm }) {
      const id = c.req.param('id')!;
      const run = runs.get(id);
      return c.json({ ...run, request: swarm.context.store.runs.get(id)?.request });
    },
  },
  {
    method: 'POST',
    path: '/runs/:id/cancel',
    summary: 'Cancel a run: its calls in flight are abandoned and its unanswered rows stay pending (a later run of the same pass resumes them).',
    responses: { 200: { description: 'The run, now `cancelled`.' }, 404: { description: 'No such run.' } },
    handler: (c, { runs }) => c.json(runs.cancel(c.req.param('id')!)),
  },
  {
    method: 'POST',
    path: '/runs/:id/resume',
    summary: 'Run an ended pass run again with what it was asked: the pass skips the rows it has answered, so a cancelled or stopped pass picks up where it left off.',
    responses: {
      202: { description: '`{ run }`, the new run; Location: /runs/{id}.' },
      400: { description: 'The run is not a pass, or is still running.' },
      404: { description: 'No such run.' },
      409: { description: 'The same pass is already running.' },
    },
    async handler(c, { runs, swarm }) {
      const id = c.req.param('id')!;
      const stored = swarm.context.store.runs.get(id) ?? runs.get(id);
      if (!('request' in stored) || stored.kind !== 'pass') throw new InvalidInputError(`run ${id} is a ${stored.kind} run: only pass runs resume (a fan-out is sent again with POST /parallel)`);
      if (stored.status === 'running') throw new InvalidInputError(`run ${id} is still running; cancel it first (POST /runs/${id}/cancel)`);
      return acceptedRun(c, await runs.start(stored.kind, stored.request));
    },
  },
  {
    method: 'GET',
    path: '/runs/:id/events',
    summary:
      "A run's events and only its own, from its start (or after Last-Event-ID / ?after=), until its `run-end`: NDJSON, or server-sent events when Accept asks for text/event-stream. Each carries its `id`.",
    query: { after: 'Start after this event id (as the Last-Event-ID header does).' },
    responses: {
      200: { description: 'One event per line (`{ id, type, ... }`), or one per server-sent event.', contentType: 'application/x-ndjson' },
      404: { description: 'No such run.' },
    },
    handler(c, { runs }) {
      const runId = c.req.param('id')!;
      runs.get(runId);
      const lastEventId = c.req.header('last-event-id');
      if (lastEventId !== undefined && !/^\d+$/.test(lastEventId.trim())) throw new InvalidInputError(`Last-Event-ID must be an event id, got ${JSON.stringify(lastEventId)}`);
      const afterId = lastEventId === undefined ? (wholeQuery(c, 'after') ?? 0) : Number(lastEventId);
      async function* items(signal: AbortSignal): AsyncGenerator<StreamItem> {
        for await (const { id, event } of runs.events(runId, { afterId, signal })) yield { id, value: { id, ...event } };
      }
      const sse = c.req.header('accept')?.includes('text/event-stream') === true;
      return streamedResponse(items, { format: sse ? 'sse' : 'ndjson' });
    },
  },
];
