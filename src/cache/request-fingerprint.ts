import { hash } from 'node:crypto';
import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { canonicalJson } from '../json/canonical-json.ts';

/** Computes cache keys for the requests of one pass (one model, schema and output cap). */
export type RequestFingerprint = (prompt: LanguageModelV4Prompt) => string;

/**
 * The cache key of a request: a hash of everything that decides the answer — the model spec, the
 * endpoint it goes to (another server may answer the same request otherwise), every message, the
 * response schema and the output cap. Two requests share a key only when a
 * provider would receive the same request. 132 bits of SHA-256 (22 base64 characters): collisions
 * are out of reach, and a short key keeps the cache's index small; a string rather than a Buffer,
 * which costs a third of the hashing to allocate. The fixed part is made canonical once; prompts
 * are built by Swarm in a fixed key order, so plain JSON of them is already canonical.
 */
export function requestFingerprint(request: {
  model: string;
  /** The base URL; undefined for models Swarm does not call over HTTP (mock, an instance passed in). */
  endpoint: string | undefined;
  schema: unknown;
  maxOutputTokens: number | undefined;
}): RequestFingerprint {
  const fixed = `${canonicalJson({ ...request, maxOutputTokens: request.maxOutputTokens ?? null })}\0`;
  return (prompt) => hash('sha256', fixed + JSON.stringify(prompt), 'base64').slice(0, 22);
}
