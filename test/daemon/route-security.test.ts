import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/http-api/api-routes.ts';
import { openApiDocument } from '../../src/http-api/openapi-document.ts';
import { tempSwarm } from '../library/support/temp-swarm.ts';
import { serveInProcess } from './support/in-process-daemon.ts';
import { rawRequest } from './support/raw-request.ts';

// Every route of the API. A route added to the app without being added here fails the first test:
// each one listed is then checked to refuse what it must.
const routes = [
  'GET /health',
  'GET /status',
  'GET /openapi.json',
  'POST /parallel',
  'GET /tables',
  'POST /tables',
  'GET /tables/:id/rows',
  'GET /tables/:id/export',
  'POST /tables/:id/passes',
  'POST /task-files',
  'POST /plans',
  'GET /plans',
  'GET /plans/:id',
  'POST /plans/:id/cancel',
  'POST /research',
  'GET /tables/:id/rows/:rowId',
  'GET /tables/:id/failures',
  'POST /tables/:id/failures/retry',
  'GET /passes',
  'GET /passes/:id/projection',
  'GET /runs',
  'GET /runs/:id',
  'POST /runs/:id/cancel',
  'POST /runs/:id/resume',
  'GET /runs/:id/events',
  'GET /plans/:id/events',
  'GET /plans/:id/tasks/:taskId',
  'POST /plans/:id/replay',
  'GET /spend',
  'POST /mcp',
  'GET /mcp',
  'DELETE /mcp',
  'GET /',
  'GET /assets/:file',
];
// Answered without the token, holding no data: what each answers then (the dashboard's page, and a script it does not have).
const publicAnswers: Record<string, number> = { 'GET /health': 200, 'GET /': 200, 'GET /assets/:file': 404 };
const maxBodyBytes = 1024;
const secret = 'sk-test-0123456789abcdefghijklmnop';

describe('every route of the HTTP API', () => {
  it('is listed here, and the OpenAPI document lists exactly the routes of the app', async () => {
    const { swarm } = tempSwarm();
    const { app } = await serveInProcess(swarm);
    const inApp = [...new Set(app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`))];
    expect(inApp.sort()).toEqual([...routes].sort());
    const document = openApiDocument(apiRoutes, { version: 'test' }) as { paths: Record<string, Record<string, unknown>> };
    const inDocument = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(inDocument.sort()).toEqual(inApp.sort());
    // The document served is that one.
    const served = (await (await fetch(`http://127.0.0.1:${(await serveInProcess(swarm)).port}/openapi.json`, { headers: { authorization: `Bearer ${'a'.repeat(64)}` } })).json()) as { openapi: string };
    expect(served.openapi).toBe('3.1.0');
  }, 90_000);

  it.each(routes)('%s refuses a missing or wrong token, a foreign Host or Origin, and an oversized body', async (route) => {
    const { swarm } = tempSwarm({ env: { OPENAI_API_KEY: secret } });
    const { port, token } = await serveInProcess(swarm, { maxBodyBytes });
    const [method, pattern] = route.split(' ') as [string, string];
    const path = pattern.replace(':id', 'some-id');
    const authorized = { authorization: `Bearer ${token}` };
    const responses = {
      missing: await rawRequest(port, { method, path }),
      wrong: await rawRequest(port, { method, path, headers: { authorization: `Bearer ${'b'.repeat(64)}` } }),
      wrongLength: await rawRequest(port, { method, path, headers: { authorization: 'Bearer short' } }),
      origin: await rawRequest(port, { method, path, headers: { ...authorized, origin: 'http://evil.example' } }),
      lookalikeOrigin: await rawRequest(port, { method, path, headers: { ...authorized, origin: `https://127.0.0.1:${port}` } }),
      host: await rawRequest(port, { method, path, headers: { ...authorized, host: `rebound.example:${port}` } }),
      otherPort: await rawRequest(port, { method, path, headers: { ...authorized, host: `127.0.0.1:${port + 1}` } }),
      oversized: await rawRequest(port, { method, path, headers: { ...authorized, 'content-type': 'application/json' }, body: JSON.stringify({ padding: 'x'.repeat(maxBodyBytes) }) }),
    };
    const open = publicAnswers[route];
    const expected = open !== undefined ? { missing: open, wrong: open, wrongLength: open } : { missing: 401, wrong: 401, wrongLength: 401 };
    expect({
      missing: responses.missing.status,
      wrong: responses.wrong.status,
      wrongLength: responses.wrongLength.status,
      origin: responses.origin.status,
      lookalikeOrigin: responses.lookalikeOrigin.status,
      host: responses.host.status,
      otherPort: responses.otherPort.status,
      oversized: responses.oversized.status,
    }).toEqual({ ...expected, origin: 403, lookalikeOrigin: 403, host: 403, otherPort: 403, oversized: 413 });
    for (const response of Object.values(responses)) {
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      expect(response.body).not.toContain(secret);
      if (response.status >= 400) {
        const body = JSON.parse(response.body) as { error: { name: string; message: string } };
        expect(Object.keys(body.error).sort()).toEqual(['message', 'name']);
        expect(body.error.message).not.toMatch(/\n\s+at /);
      }
    }
  });

  it('answers errors as JSON without stacks or keys, and a streamed oversized body with 413', async () => {
    const { swarm } = tempSwarm({ env: { OPENAI_API_KEY: secret } });
    const daemon = await serveInProcess(swarm, { maxBodyBytes });
    const missingFile = await daemon.call('POST', '/tables', { file: `${secret}.jsonl` });
    expect(missingFile.status).toBe(400);
    const text = await missingFile.text();
    expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ error: { name: 'InvalidInputError' } });
    expect((await daemon.call('GET', '/tables/nope/rows')).status).toBe(404);
    expect(await (await daemon.call('GET', '/nowhere')).json()).toMatchObject({ error: { name: 'NotFoundError' } });
    expect(await (await daemon.call('POST', '/tables', { tasks: 'not a list' })).json()).toMatchObject({ error: { name: 'InvalidInputError', message: expect.stringMatching(/tasks/) } });
    const status = await (await daemon.call('GET', '/status')).text();
    expect(status).not.toContain(secret);
    // A body with no Content-Length (chunked) is cut off once it passes the limit.
    const chunked = await fetch(`http://127.0.0.1:${daemon.port}/tables`, {
      method: 'POST',
      headers: { authorization: `Bearer ${daemon.token}`, 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`{"tasks":[${'{"id":"x"},'.repeat(300)}`));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  }, 90_000);
});
