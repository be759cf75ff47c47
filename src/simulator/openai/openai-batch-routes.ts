import { Hono } from 'hono';
import { parseJson } from '../parse-json.ts';
import { batchCaller, errorResponse } from '../batch/batch-caller.ts';
import type { BatchRegistry, SimulatedFile } from '../batch/create-batch-registry.ts';
import { withRequestId } from '../batch/with-request-id.ts';
import { isRecord } from '../is-record.ts';
import { randomId } from '../random-id.ts';
import type { SimulatorContext } from '../simulator-context.ts';
import { openaiBatchEndpoints } from './openai-batch-endpoints.ts';
import { openaiBatchObject } from './openai-batch-object.ts';
import { openaiDialect } from './openai-dialect.ts';
import { readOpenAIBatchInput } from './read-openai-batch-input.ts';

/**
 * The OpenAI Files and Batch APIs: upload a JSONL input file (`POST /v1/files`, multipart), create
 * a batch over it (`POST /v1/batches`), follow it (`GET /v1/batches/{id}`: `validating`, then
 * `in_progress`, then `completed`, or `expired` when some items ran out of time), and download the
 * output and error files (`GET /v1/files/{id}/content`). Failed items go to the error file with
 * their HTTP status and error body; expired and cancelled ones with `batch_expired` and
 * `batch_cancelled`.
 */
export function openaiBatchRoutes(context: SimulatorContext, registry: BatchRegistry): Hono {
  const app = new Hono();
  app.use('/v1/files/*', withRequestId(openaiDialect));
  app.use('/v1/batches/*', withRequestId(openaiDialect));
  const caller = (request: Request, creating: boolean, nowMs: number) => batchCaller(context, openaiDialect, request, { creating, nowMs });
  const notFound = (what: string, nowMs: number) => errorResponse(openaiDialect, { kind: 'not-found', message: what }, nowMs);
  const badRequest = (message: string, nowMs: number) => errorResponse(openaiDialect, { kind: 'bad-request', message }, nowMs);

  app.post('/v1/files', async (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    let form: FormData;
    try {
      form = await c.req.raw.formData();
    } catch {
      return badRequest('Expected a multipart/form-data body with a file and a purpose.', nowMs);
    }
    const file = form.get('file');
    const purpose = form.get('purpose');
    if (!(file instanceof File)) return badRequest("Missing required parameter: 'file'.", nowMs);
    if (typeof purpose !== 'string') return badRequest("Missing required parameter: 'purpose'.", nowMs);
    const text = await file.text();
    const expiresAfterSeconds = Number(form.get('expires_after[seconds]'));
    const stored: SimulatedFile = {
      id: `file-${randomId(22)}`,
      provider: 'openai',
      apiKey: who.apiKey,
      filename: file.name,
      purpose,
      createdMs: nowMs,
      expiresMs: Number.isFinite(expiresAfterSeconds) && expiresAfterSeconds > 0 ? nowMs + expiresAfterSeconds * 1000 : undefined,
      content: () => text,
    };
    registry.putFile(stored);
    return c.json(fileObject(stored));
  });

  app.get('/v1/files/:id', (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const file = registry.findFile('openai', who.apiKey, c.req.param('id'));
    return file === undefined ? notFound(`No such File object: ${c.req.param('id')}`, nowMs) : c.json(fileObject(file));
  });

  app.get('/v1/files/:id/content', (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const file = registry.findFile('openai', who.apiKey, c.req.param('id'));
    if (file === undefined) return notFound(`No such File object: ${c.req.param('id')}`, nowMs);
    return new Response(file.content(), { headers: { 'content-type': 'application/octet-stream' } });
  });

  app.post('/v1/batches', async (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, true, nowMs);
    if ('rejection' in who) return who.rejection;
    const parsed = parseJson(await c.req.text());
    const body = parsed.ok && isRecord(parsed.value) ? parsed.value : undefined;
    if (body === undefined) return badRequest('We could not parse the JSON body of your request.', nowMs);
    const endpoint = typeof body.endpoint === 'string' ? openaiBatchEndpoints[body.endpoint] : undefined;
    if (endpoint === undefined) return badRequest(`Invalid value for 'endpoint': ${String(body.endpoint)}.`, nowMs);
    if (body.completion_window !== '24h') return badRequest("Invalid value for 'completion_window': only '24h' is supported.", nowMs);
    const inputFile = typeof body.input_file_id === 'string' ? registry.findFile('openai', who.apiKey, body.input_file_id) : undefined;
    if (inputFile === undefined) return badRequest(`Invalid 'input_file_id': ${String(body.input_file_id)}. No such File object.`, nowMs);
    const url = new URL(c.req.url);
    const input = readOpenAIBatchInput(inputFile.content(), body.endpoint as string, (request) => endpoint.parseCall(url, request));
    const details = { endpoint: body.endpoint, inputFileId: inputFile.id, failure: 'failure' in input ? input.failure : undefined, metadata: body.metadata ?? null };
    const batch = registry.create({
      dialect: endpoint,
      id: `batch_${randomId(32)}`,
      apiKey: who.apiKey,
      model: 'requests' in input ? input.model : '',
      requests: 'requests' in input ? input.requests : [],
      details,
      nowMs,
    });
    return c.json(openaiBatchObject(batch, nowMs, registry, { creating: true }));
  });

  app.get('/v1/batches', (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const all = registry.list('openai', who.apiKey);
    const after = c.req.query('after');
    const start = after === undefined ? 0 : all.findIndex((batch) => batch.id === after) + 1;
    const limit = Math.min(100, Math.max(1, Number(c.req.query('limit') ?? 20) || 20));
    const page = all.slice(start, start + limit);
    return c.json({
      object: 'list',
      data: page.map((batch) => openaiBatchObject(batch, nowMs, registry)),
      first_id: page[0]?.id ?? null,
      last_id: page.at(-1)?.id ?? null,
      has_more: start + limit < all.length,
    });
  });

  app.get('/v1/batches/:id', (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const batch = registry.find('openai', who.apiKey, c.req.param('id'));
    return batch === undefined ? notFound(`No batch found with id '${c.req.param('id')}'.`, nowMs) : c.json(openaiBatchObject(batch, nowMs, registry));
  });

  app.post('/v1/batches/:id/cancel', (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const batch = registry.find('openai', who.apiKey, c.req.param('id'));
    if (batch === undefined) return notFound(`No batch found with id '${c.req.param('id')}'.`, nowMs);
    registry.cancel(batch, nowMs);
    return c.json(openaiBatchObject(batch, nowMs, registry, { cancelling: true }));
  });

  return app;
}

function fileObject(file: SimulatedFile) {
  return {
    id: file.id,
    object: 'file',
    bytes: Buffer.byteLength(file.content()),
    created_at: Math.floor(file.createdMs / 1000),
    expires_at: file.expiresMs === undefined ? null : Math.floor(file.expiresMs / 1000),
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed',
    status_details: null,
  };
}
