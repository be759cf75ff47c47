import type { SharedV4ProviderOptions } from '@ai-sdk/provider';

/** The `providerOptions` key a call's options for its governed model go under; never sent to the provider. */
export const governedOptionsKey = 'swarm';

/**
 * What one call tells its governed model, as `providerOptions: { swarm: { ... } }`; the AI SDK
 * hands a `generateText` call's provider options to every step, so a tool loop's steps share them.
 */
export interface GovernedCallOptions {
  /** The rows the call answers: recorded with each attempt; its output is estimated per row. Default: none. */
  rowIds?: string[];
  /** The number of the call's first attempt (a correction goes on counting its call's). Default 1. */
  firstAttempt?: number;
  /** The call's response-cache key, when the caller computes it; default: a fingerprint of the whole request. */
  cacheKey?: string;
  /** Whether the call may be answered from, and written to, the response cache. Default: unless it offers tools. */
  cache?: boolean;
}

/** A call's governed options, and the provider options to send without them. */
export function readGovernedCallOptions(providerOptions: SharedV4ProviderOptions | undefined): {
  options: GovernedCallOptions;
  providerOptions: SharedV4ProviderOptions | undefined;
} {
  const own = providerOptions?.[governedOptionsKey];
  if (own === undefined) return { options: {}, providerOptions };
  // Built by hand: a pass makes every call with these, and an object rest costs more.
  let others: SharedV4ProviderOptions | undefined;
  for (const key in providerOptions) {
    if (key !== governedOptionsKey) (others ??= {})[key] = providerOptions[key]!;
  }
  return { options: own as GovernedCallOptions, providerOptions: others };
}

/** Provider options carrying `options` for the governed model, beside `providerOptions` for the provider. */
export function withGovernedCallOptions(providerOptions: SharedV4ProviderOptions | undefined, options: GovernedCallOptions): SharedV4ProviderOptions {
  return { ...providerOptions, [governedOptionsKey]: options as SharedV4ProviderOptions[string] };
}
