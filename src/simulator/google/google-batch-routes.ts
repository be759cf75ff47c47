import { Hono } from 'hono';
import { parseUntrustedJson } from '../../json/parse-untrusted-json.ts';
import { batchCaller, errorResponse } from '../batch/batch-caller.ts';
import type { BatchRegistry, SimulatedFile } from '../batch/create-batch-registry.ts';
import { isRecord } from '../is-record.ts';
import { randomId } from '../random-id.ts';
import type { SimulatedCall } from '../simulated-call.ts';
import type { SimulatorContext } from '../simulator-context.ts';
import { googleBatchOperation, googleFileLifetimeMs } from './google-batch-operation.ts';
import { googleDialect } from './google-dialect.ts';
import { parseGoogleCall } from './parse-google-call.ts';

/**
 * The Gemini Batch API: `POST /v1beta/models/{model}:batchGenerateContent` with the requests
 * inline or in an uploaded JSONL file (resumable upload at `/upload/v1beta/files`), then the
 * long-running operation at `GET /v1beta/batches/{id}`: `BATCH_STATE_PENDING`, `RUNNING`, then
 * `SUCCEEDED` (or `EXPIRED`, `CANCELLED`) with `done: true` and the responses inline, or in a file
 * downloaded from `/download/v1beta/files/{id}:download?alt=media` when the input was a file.
 * Gemini has no per-item expiry or cancellation: such items are left out of the output.
 */
export function googleBatchRoutes(context: SimulatorContext, registry: BatchRegistry): Hono {
  const app = new Hono();
  const uploads = new Map<string, { apiKey: string; displayName: string }>();
  const caller = (request: Request, creating: boolean, nowMs: number, model?: string) =>
    batchCaller(context, googleDialect, request, { creating, nowMs, model });
  const notFound = (message: string, nowMs: number) => errorResponse(googleDialect, { kind: 'not-found', message }, nowMs);
  const badRequest = (message: string, nowMs: number) => errorResponse(googleDialect, { kind: 'bad-request', message }, nowMs);

  app.post('/v1beta/models/:target{[^/]+:batchGenerateContent}', async (c) => {
    const nowMs = Date.now();
    const model = c.req.param('target').replace(/:batchGenerateContent$/, '');
    const who = caller(c.req.raw, true, nowMs, model);
    if ('rejection' in who) return who.rejection;
    const parsed = parseUntrustedJson(await c.req.text());
    const batchField = parsed.ok && isRecord(parsed.value) && isRecord(parsed.value.batch) ? parsed.value.batch : undefined;
    const inputConfig = batchField !== undefined && isRecord(batchField.inputConfig) ? batchField.inputConfig : undefined;
    if (inputConfig === undefined) return badRequest('* BatchGenerateContentRequest.batch.input_config: input_config is required', nowMs);
    let entries: unknown[];
    let inputFile: string | undefined;
    if (isRecord(inputConfig.requests) && Array.isArray(inputConfig.requests.requests)) {
      entries = inputConfig.requests.requests.map((entry) => (isRecord(entry) ? { key: isRecord(entry.metadata) ? entry.metadata.key : undefined, request: entry.request } : entry));
    } else if (typeof inputConfig.fileName === 'string') {
      const file = registry.findFile('google', who.apiKey, inputConfig.fileName.replace(/^files\//, ''));
      if (file === undefined) return notFound(`File ${inputConfig.fileName} not found.`, nowMs);
      inputFile = inputConfig.fileName;
      entries = file.content().split('\n').filter((line) => line.trim() !== '').map((line) => {
        const entry = parseUntrustedJson(line);
        return entry.ok ? entry.value : undefined;
      });
    } else return badRequest('* BatchGenerateContentRequest.batch.input_config: requests or file_name is required', nowMs);

    const callUrl = new URL(`/v1beta/models/${model}:generateContent`, c.req.url);
    const requests: Array<{ customId: string; call: SimulatedCall | string }> = [];
    for (const [index, entry] of entries.entries()) {
      if (!isRecord(entry) || typeof entry.key !== 'string') return badRequest(`* requests[${index}]: each request needs a metadata key`, nowMs);
      requests.push({ customId: entry.key, call: parseGoogleCall(callUrl, entry.request) });
    }
    const batch = registry.create({
      dialect: googleDialect,
      id: `batches/${randomId(26).toLowerCase()}`,
      apiKey: who.apiKey,
      model,
      requests,
      details: { displayName: typeof batchField?.displayName === 'string' ? batchField.displayName : '', inputFile },
      nowMs,
    });
    return c.json(googleBatchOperation(batch, nowMs, registry, { creating: true }));
  });

  app.get('/v1beta/batches', (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const all = registry.list('google', who.apiKey);
    const start = Number(c.req.query('pageToken') ?? 0) || 0;
    const size = Math.min(100, Math.max(1, Number(c.req.query('pageSize') ?? 20) || 20));
    const page = all.slice(start, start + size);
    return c.json({
      operations: page.map((batch) => googleBatchOperation(batch, nowMs, registry)),
      ...(start + size < all.length ? { nextPageToken: String(start + size) } : {}),
    });
  });

  // One route for `batches/{id}` and `batches/{id}:cancel`: the action shares the path segment.
  app.on(['GET', 'POST'], '/v1beta/batches/:name', (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const [id, action] = c.req.param('name').split(':');
    const batch = registry.find('google', who.apiKey, `batches/${id}`);
    if (batch === undefined) return notFound(`Batch batches/${id} not found.`, nowMs);
    if (c.req.method === 'GET' && action === undefined) return c.json(googleBatchOperation(batch, nowMs, registry));
    if (c.req.method === 'POST' && action === 'cancel') {
      registry.cancel(batch, nowMs);
      return c.json({});
    }
    return notFound(`Method not found: ${c.req.method} ${c.req.path}`, nowMs);
  });

  app.post('/upload/v1beta/files', async (c) => {
    const nowMs = Date.now();
    const uploadId = c.req.query('upload_id');
    if (uploadId === undefined) {
      // Start: the key is checked here; the upload URL returned carries the authorisation.
      const who = caller(c.req.raw, false, nowMs);
      if ('rejection' in who) return who.rejection;
      if (c.req.header('x-goog-upload-command') !== 'start') return badRequest('Expected X-Goog-Upload-Command: start', nowMs);
      const parsed = parseUntrustedJson(await c.req.text());
      const file = parsed.ok && isRecord(parsed.value) && isRecord(parsed.value.file) ? parsed.value.file : {};
      const id = randomId(24);
      uploads.set(id, { apiKey: who.apiKey, displayName: typeof file.display_name === 'string' ? file.display_name : '' });
      const uploadUrl = new URL(`/upload/v1beta/files?upload_id=${id}&upload_protocol=resumable`, c.req.url).toString();
      return new Response(null, { status: 200, headers: { 'x-goog-upload-url': uploadUrl, 'x-goog-upload-status': 'active' } });
    }
    const upload = uploads.get(uploadId);
    if (upload === undefined) return notFound('Upload not found.', nowMs);
    if (!(c.req.header('x-goog-upload-command') ?? '').includes('finalize')) return badRequest('Expected X-Goog-Upload-Command: upload, finalize', nowMs);
    uploads.delete(uploadId);
    const text = await c.req.text();
    const file: SimulatedFile = {
      id: randomId(12).toLowerCase(),
      provider: 'google',
      apiKey: upload.apiKey,
      filename: upload.displayName,
      purpose: 'batch-input',
      createdMs: nowMs,
      expiresMs: nowMs + googleFileLifetimeMs,
      content: () => text,
    };
    registry.putFile(file);
    return c.json({ file: fileResource(file, c.req.url) }, 200, { 'x-goog-upload-status': 'final' });
  });

  app.get('/download/v1beta/files/:name', (c) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const [id, action] = c.req.param('name').split(':');
    const file = action === 'download' ? registry.findFile('google', who.apiKey, id!) : undefined;
    if (file === undefined) return notFound(`File files/${id} not found.`, nowMs);
    return new Response(file.content(), { headers: { 'content-type': 'application/octet-stream' } });
  });

  return app;
}

function fileResource(file: SimulatedFile, requestUrl: string) {
  return {
    name: `files/${file.id}`,
    displayName: file.filename,
    mimeType: 'application/jsonl',
    sizeBytes: String(Buffer.byteLength(file.content())),
    createTime: new Date(file.createdMs).toISOString(),
    updateTime: new Date(file.createdMs).toISOString(),
    expirationTime: new Date(file.expiresMs ?? file.createdMs).toISOString(),
    uri: new URL(`/v1beta/files/${file.id}`, requestUrl).toString(),
    state: 'ACTIVE',
    source: 'UPLOADED',
  };
}
