import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json.ts';

/**
 * The id of a pass: a hash of what decides its answers (table, instruction, schema, model, context;
 * a command pass's command line and isolation).
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
  /** A command pass's isolation (its command line is the `instruction`); undefined for model passes. */
  command?: { isolation: string };
  /** Keeps apart passes that are otherwise the same (see `EnginePassOptions.key`). */
  key?: string;
}): string {
  const digest = createHash('sha256').update(canonicalJson({ ...parts, context: parts.context ?? null })).digest('hex');
  return `pass-${digest.slice(0, 12)}`;
}
