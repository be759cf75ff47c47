import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { jsonError } from '../json-error.ts';

/**
 * Refuses a body larger than `maxBytes` with 413: at once when its Content-Length says so (on any
 * method), else as soon as a streamed body passes the limit.
 */
export function bodySize({ maxBytes }: { maxBytes: number }): MiddlewareHandler {
  const refuse: Parameters<typeof bodyLimit>[0]['onError'] = (c) =>
    jsonError(c, 413, { name: 'PayloadTooLargeError', message: `the body is larger than ${maxBytes} bytes (the daemon's limit; see swarm start --max-body-bytes)` });
  const streamed = bodyLimit({ maxSize: maxBytes, onError: refuse });
  return async (c, next) => {
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > maxBytes) return refuse!(c);
    return streamed(c, next);
  };
}
