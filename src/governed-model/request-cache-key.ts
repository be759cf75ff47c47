import { hash } from 'node:crypto';
import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { canonicalJson } from '../json/canonical-json.ts';

/**
 * The response-cache key of a call whose caller gave none: a hash of everything the provider would
 * receive (the model and endpoint as `identity` names them, the prompt, tools, response format,
 * settings and provider options), not of how the call is made (signal, headers).
 */
export function requestCacheKey(identity: string, params: LanguageModelV4CallOptions): string {
  const { abortSignal: _signal, headers: _headers, ...request } = params;
  return hash('sha256', `${identity}\0${canonicalJson(request)}`, 'base64').slice(0, 22);
}
