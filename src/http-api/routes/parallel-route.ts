import { parallelRequestSchema } from '../../api-requests/parallel-request-schema.ts';
import type { ParallelResult } from '../../parallel/parallel-result.ts';
import type { ApiRoute } from '../api-route.ts';
import { readJsonBody } from '../read-json-body.ts';
import { streamedResponse, type StreamItem } from '../streamed-response.ts';

/**
 * `POST /parallel`: a prompt fan-out answered as NDJSON, one line per prompt as it ends, then
 * `{ done: true, stats }`. The request is the run: a client that goes away cancels it.
 */
export const parallelRoute: ApiRoute = {
  method: 'POST',
  path: '/parallel',
  summary:
    'Send each prompt as its own call. NDJSON: `{ index, ok: true, text | output }` or `{ index, ok: false, error: { message, class } }` per prompt as it ends, then `{ done: true, stats }` (or `{ done: true, error }`). The run id is in the Swarm-Run-Id header.',
  body: parallelRequestSchema,
  responses: {
    200: { description: 'NDJSON lines, one per prompt, then the last line.', contentType: 'application/x-ndjson' },
    400: { description: 'A bad request, model or schema: `{ error: { name, message } }`; nothing was run.' },
  },
  async handler(c, { runs }) {
    const request = await readJsonBody(c, parallelRequestSchema, 'parallel request');
    const run = await runs.start('parallel', request);
    let ended = false;
    async function* lines(signal: AbortSignal): AsyncGenerator<StreamItem> {
      const sent = new Set<number>();
      for await (const { event } of runs.events(run.id, { signal })) {
        if (event.type === 'prompt-end') {
          const { type: _, ...line } = event;
          sent.add(line.index);
          yield { value: line };
        }
        if (event.type !== 'run-end') continue;
        ended = true;
        if (event.error !== undefined) {
          yield { value: { done: true, error: event.error } };
          return;
        }
        const { results, stats } = event.result as ParallelResult;
        // Prompts answered before a resume, or left unanswered by a stop, have had no line yet.
        for (const result of results) if (!sent.has(result.index)) yield { value: result };
        yield { value: { done: true, stats } };
        return;
      }
      if (!signal.aborted) yield { value: { done: true, error: { name: 'RunsStoppingError', message: 'the daemon stopped before the prompts were all answered; they resume when it starts again' } } };
    }
    return streamedResponse(lines, {
      format: 'ndjson',
      headers: { 'swarm-run-id': run.id },
      onCancel: () => {
        if (!ended) runs.cancel(run.id);
      },
    });
  },
};
