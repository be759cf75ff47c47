import type { Context } from 'hono';
import type { z } from 'zod';
import { parseRequest } from '../api-requests/parse-request.ts';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';

/** A request's JSON body, read through the one untrusted-JSON path and checked against `schema`. */
export async function readJsonBody<Schema extends z.ZodType>(c: Context, schema: Schema, what: string): Promise<z.infer<Schema>> {
  const text = await c.req.text();
  const parsed = parseUntrustedJson(text === '' ? '{}' : text);
  if (!parsed.ok) throw new InvalidInputError(`${what}: the body is not JSON (${parsed.error})`);
  return parseRequest(schema, parsed.value, what);
}
