import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { jsonError } from '../json-error.ts';
import { sameToken } from '../same-token.ts';

/** The name of the dashboard's cookie for the daemon on `port` (cookies are not kept apart by port). */
export function tokenCookieName(port: number): string {
  return `swarm_token_${port}`;
}

/**
 * Lets a request through when it carries the daemon's token: as `Authorization: Bearer <token>`
 * (programs) or in the dashboard's HttpOnly cookie (the page, once signed in). Compared in
 * constant time; anything else is 401.
 */
export function tokenAuth({ token, port }: { token: string; port: () => number }): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    const presented = bearer ?? (header === undefined ? getCookie(c, tokenCookieName(port())) : undefined);
    if (presented === undefined || !sameToken(presented, token)) {
      return jsonError(c, 401, { name: 'UnauthorizedError', message: 'send the token of <store>/daemon.json as Authorization: Bearer <token>, or open the dashboard address swarm start printed' });
    }
    await next();
  };
}
