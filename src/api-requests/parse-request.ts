import type { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input-error.ts';

/**
 * Checks a request that came over a wire (an HTTP body, MCP tool arguments, a stored run) against
 * its schema; a mismatch is an InvalidInputError naming each problem and where it is.
 */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`));
  throw new InvalidInputError(`${what}: ${problems.join('; ')}`);
}
