import type { SharedV4ProviderMetadata } from '@ai-sdk/provider';
import { governedOptionsKey } from './governed-call-options.ts';

/** What a governed model says of the attempt that answered, as `providerMetadata.swarm`. */
export interface GovernedCallMetadata {
  /** Which try of the call answered, from the call's `firstAttempt`. */
  attempt: number;
  startedAt: number;
  latencyMs: number;
  /** Answered from the response cache: no provider call was made. */
  cached: boolean;
  /** Where the answer belongs in the response cache, when the call may be cached. */
  cacheKey?: string;
}

/** Provider metadata with the governed model's own beside the provider's. */
export function withGovernedCallMetadata(providerMetadata: SharedV4ProviderMetadata | undefined, metadata: GovernedCallMetadata): SharedV4ProviderMetadata {
  return { ...providerMetadata, [governedOptionsKey]: metadata as unknown as SharedV4ProviderMetadata[string] };
}

/** The governed model's metadata of an answer, if a governed model gave it. */
export function governedCallMetadata(providerMetadata: SharedV4ProviderMetadata | undefined): GovernedCallMetadata | undefined {
  return providerMetadata?.[governedOptionsKey] as GovernedCallMetadata | undefined;
}
