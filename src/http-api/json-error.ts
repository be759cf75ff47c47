import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { WireError } from '../wire-error/wire-error.ts';

/** An error response: `{ error: { name, message } }`, never a stack. */
export function jsonError(c: Context, status: number, error: WireError): Response {
  return c.json({ error }, status as ContentfulStatusCode);
}
