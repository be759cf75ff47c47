import { createHash } from 'node:crypto';
import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { canonicalJson } from '../json/canonical-json.ts';

/**
 * The cache key of a request: a hash of everything that decides the answer — the model spec,
 * every message, the response schema and the output cap. Two requests share a key only when a
 * provider would receive the same request.
 */
export function requestFingerprint(request: {
  model: string;
  prompt: LanguageModelV4Prompt;
  schema: unknown;
  maxOutputTokens: number | undefined;
}): string {
  return createHash('sha256')
    .update(canonicalJson({ ...request, maxOutputTokens: request.maxOutputTokens ?? null }))
    .digest('base64url');
}
