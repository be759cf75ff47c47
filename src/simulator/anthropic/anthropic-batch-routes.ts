import { Hono } from 'hono';
import { parseJson } from '../parse-json.ts';
import { batchCaller, errorResponse } from '../batch/batch-caller.ts';
import { batchEndMs, batchItemState, countItemStates } from '../batch/batch-item-state.ts';
import type { BatchRegistry } from '../batch/create-batch-registry.ts';
import type { SimulatedBatch, SimulatedBatchItem } from '../batch/simulated-batch.ts';
import { withRequestId } from '../batch/with-request-id.ts';
import { isRecord } from '../is-record.ts';
import { randomId } from '../random-id.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import type { SimulatorContext } from '../simulator-context.ts';
import { anthropicAnswerBody } from './anthropic-answer-body.ts';
import { anthropicDialect } from './anthropic-dialect.ts';
import { parseAnthropicCall } from './parse-anthropic-call.ts';

const customIdPattern = /^[a-zA-Z0-9_-]{1,64}$/;
const resultsAvailableMs = 29 * 86_400_000;

/**
 * The Anthropic Message Batches API: create (`POST /messages/batches` with
 * `{ requests: [{ custom_id, params }] }`), follow (`GET …/{id}`: `processing_status`
 * `in_progress`, then `ended`, `canceling` after a cancel) and read the results from the batch's
 * `results_url` as JSONL, one `succeeded`, `errored`, `expired` or `canceled` result per request.
 * Paths are relative to the API version: the simulator mounts them under `/v1` and at the root.
 */
export function anthropicBatchRoutes(context: SimulatorContext, registry: BatchRegistry): Hono {
  const app = new Hono();
  app.use('/messages/batches/*', withRequestId(anthropicDialect));
  const caller = (request: Request, creating: boolean, nowMs: number) => batchCaller(context, anthropicDialect, request, { creating, nowMs });
  const notFound = (id: string, nowMs: number) => errorResponse(anthropicDialect, { kind: 'not-found', message: `Batch ${id} not found.` }, nowMs);
  const badRequest = (message: string, nowMs: number) => errorResponse(anthropicDialect, { kind: 'bad-request', message }, nowMs);

  app.post('/messages/batches', async (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, true, nowMs);
    if ('rejection' in who) return who.rejection;
    const parsed = parseJson(await c.req.text());
    const requests = parsed.ok && isRecord(parsed.value) && Array.isArray(parsed.value.requests) ? parsed.value.requests : undefined;
    if (requests === undefined || requests.length === 0) return badRequest('requests: Field required', nowMs);
    const read: Array<{ customId: string; call: SimulatedCall | string }> = [];
    const seen = new Set<string>();
    for (const [index, request] of requests.entries()) {
      if (!isRecord(request) || typeof request.custom_id !== 'string' || !customIdPattern.test(request.custom_id)) {
        return badRequest(`requests.${index}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`, nowMs);
      }
      if (seen.has(request.custom_id)) return badRequest(`Duplicate custom_id: ${request.custom_id}`, nowMs);
      if (!isRecord(request.params)) return badRequest(`requests.${index}.params: Field required`, nowMs);
      seen.add(request.custom_id);
      read.push({ customId: request.custom_id, call: parseAnthropicCall(request.params) });
    }
    const firstModel = read.find((request) => typeof request.call !== 'string')?.call as SimulatedCall | undefined;
    const batch = registry.create({
      dialect: anthropicDialect,
      id: `msgbatch_01${randomId(22)}`,
      apiKey: who.apiKey,
      model: firstModel?.model ?? '',
      requests: read,
      nowMs,
    });
    return c.json(batchObject(batch, nowMs, origin(c.req.url)));
  });

  app.get('/messages/batches', (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const all = registry.list('anthropic', who.apiKey);
    const after = c.req.query('after_id');
    const start = after === undefined ? 0 : all.findIndex((batch) => batch.id === after) + 1;
    const limit = Math.min(1000, Math.max(1, Number(c.req.query('limit') ?? 20) || 20));
    const page = all.slice(start, start + limit);
    return c.json({
      data: page.map((batch) => batchObject(batch, nowMs, origin(c.req.url))),
      has_more: start + limit < all.length,
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
    });
  });

  app.get('/messages/batches/:id', (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const batch = registry.find('anthropic', who.apiKey, c.req.param('id'));
    return batch === undefined ? notFound(c.req.param('id'), nowMs) : c.json(batchObject(batch, nowMs, origin(c.req.url)));
  });

  app.get('/messages/batches/:id/results', (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const batch = registry.find('anthropic', who.apiKey, c.req.param('id'));
    if (batch === undefined) return notFound(c.req.param('id'), nowMs);
    if (nowMs < batchEndMs(batch)) return badRequest(`Batch ${batch.id} is still processing; results are available once it has ended.`, nowMs);
    const lines = batch.items.map((item) => `${JSON.stringify({ custom_id: item.customId, result: itemResult(batch, item, nowMs) })}\n`);
    return new Response(lines.join(''), { headers: { 'content-type': 'application/binary' } });
  });

  app.post('/messages/batches/:id/cancel', (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const batch = registry.find('anthropic', who.apiKey, c.req.param('id'));
    if (batch === undefined) return notFound(c.req.param('id'), nowMs);
    registry.cancel(batch, nowMs);
    return c.json(batchObject(batch, nowMs, origin(c.req.url), { canceling: true }));
  });

  return app;
}

function origin(url: string): string {
  return new URL(url).origin;
}

function batchObject(batch: SimulatedBatch, nowMs: number, serverOrigin: string, { canceling = false } = {}) {
  const endMs = batchEndMs(batch);
  const ended = nowMs >= endMs;
  const counts = countItemStates(batch, nowMs);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: batch.id,
    type: 'message_batch',
    processing_status: ended ? 'ended' : canceling || batch.cancelledMs !== undefined ? 'canceling' : 'in_progress',
    request_counts: {
      processing: counts.processing,
      succeeded: counts.succeeded,
      errored: counts.errored,
      canceled: counts.cancelled,
      expired: counts.expired,
    },
    ended_at: ended ? iso(endMs) : null,
    created_at: iso(batch.createdMs),
    expires_at: iso(batch.createdMs + 86_400_000),
    archived_at: null,
    cancel_initiated_at: batch.cancelledMs === undefined ? null : iso(batch.cancelledMs),
    results_url: ended && nowMs < endMs + resultsAvailableMs ? `${serverOrigin}/v1/messages/batches/${batch.id}/results` : null,
  };
}

function itemResult(batch: SimulatedBatch, item: SimulatedBatchItem, nowMs: number): unknown {
  const { outcome } = item;
  const state = batchItemState(batch, item, nowMs);
  if (state === 'succeeded' && outcome.kind === 'answer') return { type: 'succeeded', message: anthropicAnswerBody(outcome.call, outcome.answer) };
  if (state === 'errored' && outcome.kind === 'error') return { type: 'errored', error: anthropicDialect.errorReply(outcome.error, nowMs).body };
  return { type: state === 'cancelled' ? 'canceled' : 'expired' };
}
