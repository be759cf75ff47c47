import type { MiddlewareHandler } from 'hono';
import { jsonError } from '../json-error.ts';

/**
 * Answers only requests addressed to this machine's loopback by name (Host) and, when a browser
 * sends an Origin, made by a page of this daemon: a web page elsewhere, or a name rebound to
 * 127.0.0.1 (DNS rebinding), gets 403 before anything else is read.
 */
export function localOrigin({ port }: { port: () => number }): MiddlewareHandler {
  return async (c, next) => {
    const local = new Set(['127.0.0.1', 'localhost', '[::1]'].map((host) => `${host}:${port()}`));
    const host = c.req.header('host');
    const origin = c.req.header('origin');
    if (host === undefined || !local.has(host.toLowerCase())) {
      return jsonError(c, 403, { name: 'ForbiddenError', message: `requests must be addressed to this machine (Host ${[...local].join(' or ')})` });
    }
    if (origin !== undefined && !local.has(origin.toLowerCase().replace(/^http:\/\//, ''))) {
      return jsonError(c, 403, { name: 'ForbiddenError', message: 'cross-origin requests are refused: this API answers its own pages and programs on this machine only' });
    }
    await next();
  };
}
