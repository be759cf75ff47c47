import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json.ts';

/**
 * The id of a pass: a hash of what decides its answers (table, instruction, schema, model, context).
 * Running the same pass again finds the same id, and resumes instead of starting over.
 */
export function passFingerprint(parts: {
  tableId: string;
  instruction: string;
  responseSchema: unknown;
  model: string;
  context: string | undefined;
  /** Identifies a row worker's logic (task settings, script); undefined for structured passes. */
  worker?: string;
}): string {
  const digest = createHash('sha256').update(canonicalJson({ ...parts, context: parts.context ?? null })).digest('hex');
  return `pass-${digest.slice(0, 12)}`;
}
