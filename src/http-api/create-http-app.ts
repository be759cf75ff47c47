import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { toWireError } from '../wire-error/wire-error.ts';
import type { ApiRoute, ApiServices } from './api-route.ts';
import { apiRoutes } from './api-routes.ts';
import { errorStatus } from './error-status.ts';
import { jsonError } from './json-error.ts';
import { bodySize } from './middleware/body-size.ts';
import { localOrigin } from './middleware/local-origin.ts';
import { tokenAuth, tokenCookieName } from './middleware/token-auth.ts';
import { sameToken } from './same-token.ts';
import { openApiDocument } from './openapi-document.ts';

/** Options of `createHttpApp`. */
export interface HttpAppOptions {
  services: Omit<ApiServices, 'openApi' | 'auth'>;
  /** The token every route but `/health` and the dashboard's page requires: as a bearer token, or in the dashboard's cookie. */
  token: string;
  /** The port the app is served on (Host and Origin must name it). */
  port: () => number;
  /** Largest request body, in bytes. Default 8 MiB. */
  maxBodyBytes?: number;
  /** Swarm's version, for the OpenAPI document. */
  version: string;
  /** Receives a line per request (but `/health` and the dashboard's reads) and per internal error. */
  log?: (line: string) => void;
  /** The routes. Default `apiRoutes`. */
  routes?: readonly ApiRoute[];
}

/** The default limit on request bodies: 8 MiB. */
export const defaultMaxBodyBytes = 8 * 1024 * 1024;

/**
 * The HTTP API as a Hono app. Every request is checked in this order: Host and Origin (403), the
 * token, as a bearer token or in the dashboard's cookie (401), the body's size (413); then its
 * route answers. Errors are `{ error: { name, message } }` with keys redacted, never a stack; no
 * CORS header is ever sent.
 */
export function createHttpApp({ services, token, port, maxBodyBytes = defaultMaxBodyBytes, version, log = () => {}, routes = apiRoutes }: HttpAppOptions): Hono {
  const document = openApiDocument(routes, { version });
  const all: ApiServices = { ...services, openApi: () => document, auth: { accepts: (presented) => sameToken(presented, token), cookieName: () => tokenCookieName(port()) } };
  const { redact } = services.swarm.context.secrets;
  const auth = tokenAuth({ token, port });
  const size = bodySize({ maxBytes: maxBodyBytes });

  const app = new Hono();
  app.use('*', localOrigin({ port }));
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    if (c.req.path !== '/health' && !dashboardRead(c.req.raw, c.res.status)) log(`${c.req.method} ${c.req.path} ${c.res.status} ${Math.round(performance.now() - started)} ms`);
  });
  for (const route of routes) {
    const handlers: MiddlewareHandler[] = [...(route.public ? [] : [auth]), size, async (c) => route.handler(c, all)];
    app.on(route.method, route.path, ...(handlers as [MiddlewareHandler]));
  }
  app.notFound((c) => jsonError(c, 404, { name: 'NotFoundError', message: `no route ${c.req.method} ${c.req.path}; GET /openapi.json lists them` }));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    const wire = toWireError(error, redact);
    const status = errorStatus(wire);
    if (status === 500) log(`internal error on ${c.req.method} ${c.req.path}: ${redact((error as Error)?.stack ?? String(error))}`);
    return jsonError(c, status, wire);
  });
  return app;
}

// An open dashboard reads several routes a second (no bearer token: its cookie, or its page): those
// answered well would flood the log; its actions (POST) and whatever is refused are logged.
function dashboardRead(request: Request, status: number): boolean {
  return request.method === 'GET' && status < 400 && !request.headers.has('authorization');
}
