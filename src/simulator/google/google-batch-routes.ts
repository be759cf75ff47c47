import { Hono, type Context } from 'hono';
import { parseJson } from '../parse-json.ts';
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
 * inline (`{ request, metadata? }`) or in an uploaded JSONL file (`{ key?, request }` lines;
 * resumable upload at `/upload/v1beta/files`), then the long-running operation at
 * `GET /v1beta/batches/{id}`: `BATCH_STATE_PENDING`, `RUNNING`, then `SUCCEEDED` (or `EXPIRED`,
 * `CANCELLED`) with `done: true` and the output (in `metadata.output` and `response`): the
 * responses inline, each with its request's `metadata`, or in a file of `{ key?, response }` lines
 * when the input was a file, downloaded from `/download/v1beta/files/{id}:download?alt=media` (the
 * AI SDK) or `/v1beta/files/{id}:download?alt=media` (`@google/genai`). Gemini has no per-item
 * expiry or cancellation: such items are left out of the output.
 */
export function googleBatchRoutes(context: SimulatorContext, registry: BatchRegistry): Hono {
  const app = new Hono();
  const uploads = new Map<string, { apiKey: string; displayName: string; mimeType: string }>();
  const caller = (request: Request, creating: boolean, nowMs: number, model?: string) =>
    batchCaller(context, googleDialect, request, { creating, nowMs, model });
  const notFound = (message: string, nowMs: number) => errorResponse(googleDialect, { kind: 'not-found', message }, nowMs);
  const badRequest = (message: string, nowMs: number) => errorResponse(googleDialect, { kind: 'bad-request', message }, nowMs);

  app.post('/v1beta/models/:target{[^/]+:batchGenerateContent}', async (c) => {
    const nowMs = Date.now();
    const model = c.req.param('target').replace(/:batchGenerateContent$/, '');
    const who = caller(c.req.raw, true, nowMs, model);
    if ('rejection' in who) return who.rejection;
    const parsed = parseJson(await c.req.text());
    const batchField = parsed.ok && isRecord(parsed.value) && isRecord(parsed.value.batch) ? parsed.value.batch : undefined;
    const inputConfig = batchField !== undefined && isRecord(batchField.inputConfig) ? batchField.inputConfig : undefined;
    if (inputConfig === undefined) return badRequest('* BatchGenerateContentRequest.batch.input_config: input_config is required', nowMs);
    // Each entry: its request, and what its result repeats of it (the inlined metadata, the line's key).
    let entries: Array<{ request: unknown; echo: Record<string, unknown> } | undefined>;
    let inputFile: string | undefined;
    if (isRecord(inputConfig.requests) && Array.isArray(inputConfig.requests.requests)) {
      entries = inputConfig.requests.requests.map((entry) =>
        isRecord(entry) ? { request: entry.request, echo: entry.metadata === undefined ? {} : { metadata: entry.metadata } } : undefined,
      );
    } else if (typeof inputConfig.fileName === 'string') {
      const file = registry.findFile('google', who.apiKey, inputConfig.fileName.replace(/^files\//, ''));
      if (file === undefined) return notFound(`File ${inputConfig.fileName} not found.`, nowMs);
      inputFile = inputConfig.fileName;
      entries = file.content().split('\n').filter((line) => line.trim() !== '').map((line) => {
        const entry = parseJson(line);
        if (!entry.ok || !isRecord(entry.value)) return undefined;
        return { request: entry.value.request, echo: entry.value.key === undefined ? {} : { key: entry.value.key } };
      });
    } else return badRequest('* BatchGenerateContentRequest.batch.input_config: requests or file_name is required', nowMs);

    const callUrl = new URL(`/v1beta/models/${model}:generateContent`, c.req.url);
    const requests: Array<{ customId: string; call: SimulatedCall | string }> = [];
    for (const [index, entry] of entries.entries()) {
      if (entry === undefined) return badRequest(`* requests[${index}]: each request must be a JSON object`, nowMs);
      const key = entry.echo.key ?? (isRecord(entry.echo.metadata) ? entry.echo.metadata.key : undefined);
      requests.push({ customId: typeof key === 'string' ? key : String(index), call: parseGoogleCall(callUrl, entry.request) });
    }
    const batch = registry.create({
      dialect: googleDialect,
      id: `batches/${randomId(26).toLowerCase()}`,
      apiKey: who.apiKey,
      model,
      requests,
      details: { displayName: typeof batchField?.displayName === 'string' ? batchField.displayName : '', inputFile, echoes: entries.map((entry) => entry!.echo) },
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
      const parsed = parseJson(await c.req.text());
      const file = parsed.ok && isRecord(parsed.value) && isRecord(parsed.value.file) ? parsed.value.file : {};
      // Protobuf JSON: the AI SDK writes `display_name`, @google/genai `displayName`.
      const displayName = file.displayName ?? file.display_name;
      const mimeType = file.mimeType ?? file.mime_type ?? c.req.header('x-goog-upload-header-content-type');
      const id = randomId(24);
      uploads.set(id, {
        apiKey: who.apiKey,
        displayName: typeof displayName === 'string' ? displayName : '',
        mimeType: typeof mimeType === 'string' && mimeType !== '' ? mimeType : 'application/octet-stream',
      });
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
      mimeType: upload.mimeType,
      purpose: 'batch-input',
      createdMs: nowMs,
      expiresMs: nowMs + googleFileLifetimeMs,
      content: () => text,
    };
    registry.putFile(file);
    return c.json({ file: fileResource(file, c.req.url) }, 200, { 'x-goog-upload-status': 'final' });
  });

  // `files/{id}` is the file's resource, `files/{id}:download` its content (one path segment).
  const fileRoute = (c: Context, actions: ReadonlyArray<string | undefined>) => {
    const nowMs = Date.now();
    const who = caller(c.req.raw, false, nowMs);
    if ('rejection' in who) return who.rejection;
    const [id, action] = c.req.param('name')!.split(':');
    const file = actions.includes(action) ? registry.findFile('google', who.apiKey, id!) : undefined;
    if (file === undefined) return notFound(`File files/${id} not found.`, nowMs);
    if (action === undefined) return c.json(fileResource(file, c.req.url));
    return new Response(file.content(), { headers: { 'content-type': file.mimeType ?? 'application/octet-stream' } });
  };
  app.get('/download/v1beta/files/:name', (c) => fileRoute(c, ['download']));
  app.get('/v1beta/files/:name', (c) => fileRoute(c, [undefined, 'download']));

  return app;
}

function fileResource(file: SimulatedFile, requestUrl: string) {
  return {
    name: `files/${file.id}`,
    ...(file.filename === '' ? {} : { displayName: file.filename }),
    mimeType: file.mimeType ?? 'application/jsonl',
    sizeBytes: String(Buffer.byteLength(file.content())),
    createTime: new Date(file.createdMs).toISOString(),
    updateTime: new Date(file.createdMs).toISOString(),
    expirationTime: new Date(file.expiresMs ?? file.createdMs).toISOString(),
    uri: new URL(`/v1beta/files/${file.id}`, requestUrl).toString(),
    state: 'ACTIVE',
    source: 'UPLOADED',
  };
}
