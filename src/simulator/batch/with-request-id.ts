import type { MiddlewareHandler } from 'hono';
import type { ProviderDialect } from '../provider-dialect.ts';

/** Middleware naming every response in the provider's request-id header, as its batch and file APIs do (error replies carry their own). */
export function withRequestId(dialect: ProviderDialect): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(dialect.requestIdHeaders())) {
      if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    }
  };
}
