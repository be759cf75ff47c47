import type { Context } from 'hono';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';

/** A query parameter holding JSON (`?filter={"status":"failed"}`), read through the untrusted-JSON path. */
export function jsonQuery(c: Context, name: string): unknown {
  const text = c.req.query(name);
  if (text === undefined) return undefined;
  const parsed = parseUntrustedJson(text);
  if (!parsed.ok) throw new InvalidInputError(`?${name} is not JSON (${parsed.error})`);
  return parsed.value;
}

/** A query parameter holding a whole number ≥ 0, or undefined. */
export function wholeQuery(c: Context, name: string): number | undefined {
  const text = c.req.query(name);
  if (text === undefined) return undefined;
  const number = Number(text);
  if (text.trim() === '' || !Number.isInteger(number) || number < 0) throw new InvalidInputError(`?${name} must be a whole number ≥ 0, got ${JSON.stringify(text)}`);
  return number;
}

/** A query parameter holding a comma-separated list, or undefined. */
export function listQuery(c: Context, name: string): string[] | undefined {
  return c.req.query(name)?.split(',').map((item) => item.trim()).filter((item) => item !== '');
}
