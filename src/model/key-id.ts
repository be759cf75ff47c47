import { createHash } from 'node:crypto';

/**
 * A stable name for one provider account (API key + endpoint) that rate limits can be keyed by
 * and that is safe to log and store: 32 bits of a hash cannot give the key back.
 */
export function keyId(provider: string, apiKey: string, baseURL: string): string {
  return `${provider}:${createHash('sha256').update(apiKey + baseURL).digest('hex').slice(0, 8)}`;
}
