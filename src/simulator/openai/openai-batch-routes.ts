import { Hono } from 'hono';
import { parseUntrustedJson } from '../../json/parse-untrusted-json.ts';
import { batchCaller, errorResponse } from '../batch/batch-caller.ts';
import { batchEndMs, batchItemState, countItemStates } from '../batch/batch-item-state.ts';
import type { BatchRegistry, SimulatedFile } from '../batch/create-batch-registry.ts';
import type { SimulatedBatch, SimulatedBatchItem } from '../batch/simulated-batch.ts';
import { isRecord } from '../is-record.ts';
import type { ProviderDialect } from '../provider-dialect.ts';
import { randomId } from '../random-id.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import type { SimulatorContext } from '../simulator-context.ts';
import { openaiAnswerBody } from './openai-answer-body.ts';
import { openaiDialect } from './openai-dialect.ts';
import { openaiResponsesAnswerBody } from './openai-responses-answer-body.ts';
import { parseOpenAICall } from './parse-openai-call.ts';
import { parseOpenAIResponsesCall } from './parse-openai-responses-call.ts';

const completionWindowMs = 24 * 3_600_000;

// The endpoints a batch may target, with how their bodies are read and answered.
const endpoints: Record<string, { parse: (body: unknown) => SimulatedCall | string; answer: typeof openaiAnswerBody; dialect: ProviderDialect }> = {
  '/v1/responses': {
    parse: parseOpenAIResponsesCall,
    answer: openaiResponsesAnswerBody,
    dialect: { ...openaiDialect, answerId: () => `resp_${randomId(48)}` },
  },
  '/v1/chat/completions': { parse: parseOpenAICall, answer: openaiAnswerBody, dialect: openaiDialect },
};

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
    const parsed = parseUntrustedJson(await c.req.text());
    const body = parsed.ok && isRecord(parsed.value) ? parsed.value : undefined;
    if (body === undefined) return badRequest('We could not parse the JSON body of your request.', nowMs);
    const endpoint = typeof body.endpoint === 'string' ? endpoints[body.endpoint] : undefined;
    if (endpoint === undefined) return badRequest(`Invalid value for 'endpoint': ${String(body.endpoint)}.`, nowMs);
    if (body.completion_window !== '24h') return badRequest("Invalid value for 'completion_window': only '24h' is supported.", nowMs);
    const inputFile = typeof body.input_file_id === 'string' ? registry.findFile('openai', who.apiKey, body.input_file_id) : undefined;
    if (inputFile === undefined) return badRequest(`Invalid 'input_file_id': ${String(body.input_file_id)}. No such File object.`, nowMs);
    const input = readInputFile(inputFile.content(), body.endpoint as string, endpoint.parse);
    const details = { endpoint: body.endpoint, inputFileId: inputFile.id, failure: 'failure' in input ? input.failure : undefined, metadata: body.metadata ?? null };
    const batch = registry.create({
      dialect: endpoint.dialect,
      id: `batch_${randomId(32)}`,
      apiKey: who.apiKey,
      model: 'requests' in input ? input.model : '',
      requests: 'requests' in input ? input.requests : [],
      details,
      nowMs,
    });
    return c.json(batchObject(batch, nowMs, registry, { creating: true }));
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
      data: page.map((batch) => batchObject(batch, nowMs, registry)),
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
    return batch === undefined ? notFound(`No batch found with id '${c.req.param('id')}'.`, nowMs) : c.json(batchObject(batch, nowMs, registry));
  });

  app.post('/v1/batches/:id/cancel', (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const batch = registry.find('openai', who.apiKey, c.req.param('id'));
    if (batch === undefined) return notFound(`No batch found with id '${c.req.param('id')}'.`, nowMs);
    registry.cancel(batch, nowMs);
    return c.json(batchObject(batch, nowMs, registry, { cancelling: true }));
  });

  return app;
}

type InputFile =
  | { model: string; requests: Array<{ customId: string; call: SimulatedCall | string }> }
  | { failure: { code: string; message: string; line: number | null } };

/** Reads a batch input file; a malformed file fails the whole batch, as OpenAI's validation does. */
function readInputFile(text: string, endpoint: string, parse: (body: unknown) => SimulatedCall | string): InputFile {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return { failure: { code: 'empty_file', message: 'The input file is empty.', line: null } };
  const requests: Array<{ customId: string; call: SimulatedCall | string }> = [];
  const seen = new Set<string>();
  let model: string | undefined;
  for (const [index, line] of lines.entries()) {
    const parsed = parseUntrustedJson(line);
    const fail = (code: string, message: string): InputFile => ({ failure: { code, message, line: index + 1 } });
    if (!parsed.ok || !isRecord(parsed.value)) return fail('invalid_json_line', 'This line is not parseable as valid JSON.');
    const { custom_id: customId, url, body } = parsed.value;
    if (typeof customId !== 'string' || customId === '') return fail('missing_required_parameter', "Missing required parameter: 'custom_id'.");
    if (seen.has(customId)) return fail('duplicate_custom_id', `The custom_id for this request is a duplicate of another request: ${customId}.`);
    if (url !== endpoint) return fail('mismatched_endpoint', `The provided URL '${String(url)}' does not match the batch endpoint '${endpoint}'.`);
    const lineModel = isRecord(body) && typeof body.model === 'string' ? body.model : undefined;
    if (model !== undefined && lineModel !== undefined && lineModel !== model) {
      return fail('mismatched_model', 'The provided model does not match the model of other requests in the batch.');
    }
    model ??= lineModel;
    seen.add(customId);
    requests.push({ customId, call: parse(body) });
  }
  return { model: model ?? '', requests };
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

/** The batch object at `nowMs`; the output and error files are written the first time it is seen ended. */
function batchObject(batch: SimulatedBatch, nowMs: number, registry: BatchRegistry, { creating = false, cancelling = false } = {}) {
  const seconds = (ms: number | undefined) => (ms === undefined ? null : Math.floor(ms / 1000));
  const failure = batch.details.failure as { code: string; message: string; line: number | null } | undefined;
  const counts = countItemStates(batch, nowMs);
  const endMs = batchEndMs(batch);
  const ended = nowMs >= endMs;
  const cancelled = batch.cancelledMs !== undefined && batch.cancelledMs < batch.deadlineMs;
  const status =
    failure !== undefined ? 'failed'
    : creating ? 'validating'
    : !ended ? (cancelling || cancelled ? 'cancelling' : 'in_progress')
    : cancelled ? 'cancelled'
    : counts.expired > 0 ? 'expired'
    : 'completed';
  const files = ended && failure === undefined ? outputFiles(batch, endMs, registry) : { output: undefined, error: undefined };
  return {
    id: batch.id,
    object: 'batch',
    endpoint: batch.details.endpoint,
    errors: failure === undefined ? null : { object: 'list', data: [{ ...failure, param: null }] },
    input_file_id: batch.details.inputFileId,
    completion_window: '24h',
    status,
    output_file_id: files.output ?? null,
    error_file_id: files.error ?? null,
    created_at: seconds(batch.createdMs),
    in_progress_at: creating || failure !== undefined ? null : seconds(batch.createdMs),
    expires_at: seconds(batch.createdMs + completionWindowMs),
    finalizing_at: ended && failure === undefined ? seconds(endMs) : null,
    completed_at: status === 'completed' ? seconds(endMs) : null,
    failed_at: failure !== undefined ? seconds(batch.createdMs) : null,
    expired_at: status === 'expired' ? seconds(endMs) : null,
    cancelling_at: seconds(batch.cancelledMs),
    cancelled_at: status === 'cancelled' ? seconds(endMs) : null,
    request_counts: {
      total: batch.items.length,
      completed: counts.succeeded,
      failed: counts.errored + counts.expired + counts.cancelled,
    },
    metadata: batch.details.metadata ?? null,
  };
}

// Written once per batch, when it is first seen ended: from then on every item's line is final.
const writtenFiles = new WeakMap<SimulatedBatch, { output: string | undefined; error: string | undefined }>();

function outputFiles(batch: SimulatedBatch, endMs: number, registry: BatchRegistry) {
  let files = writtenFiles.get(batch);
  if (files !== undefined) return files;
  const outputLines: string[] = [];
  const errorLines: string[] = [];
  for (const item of batch.items) {
    const line = resultLine(batch, item, endMs);
    (line.ok ? outputLines : errorLines).push(JSON.stringify(line.value));
  }
  const write = (lines: string[], suffix: string) => {
    if (lines.length === 0) return undefined;
    const text = `${lines.join('\n')}\n`;
    const file: SimulatedFile = {
      id: `file-${randomId(22)}`,
      provider: 'openai',
      apiKey: batch.apiKey,
      filename: `${batch.id}_${suffix}.jsonl`,
      purpose: 'batch_output',
      createdMs: endMs,
      expiresMs: undefined,
      content: () => text,
    };
    registry.putFile(file);
    return file.id;
  };
  files = { output: write(outputLines, 'output'), error: write(errorLines, 'error') };
  writtenFiles.set(batch, files);
  return files;
}

/** One item's line: in the output file when it was answered, else in the error file. */
function resultLine(batch: SimulatedBatch, item: SimulatedBatchItem, endMs: number): { ok: boolean; value: unknown } {
  const base = { id: `batch_req_${randomId(32)}`, custom_id: item.customId };
  const response = (statusCode: number, body: unknown) => ({ status_code: statusCode, request_id: `req_${randomId(32)}`, body });
  const { outcome } = item;
  const state = batchItemState(batch, item, endMs);
  if (state === 'succeeded' && outcome.kind === 'answer') {
    const endpoint = endpoints[batch.details.endpoint as string]!;
    return { ok: true, value: { ...base, response: response(200, endpoint.answer(outcome.call, outcome.answer)), error: null } };
  }
  if (state === 'errored' && outcome.kind === 'error') {
    const reply = openaiDialect.errorReply(outcome.error, endMs);
    return { ok: false, value: { ...base, response: response(reply.status, reply.body), error: null } };
  }
  const error =
    state === 'cancelled'
      ? { code: 'batch_cancelled', message: 'This request was not executed because the batch was cancelled.' }
      : { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' };
  return { ok: false, value: { ...base, response: null, error } };
}
