import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { estimatePromptTokens } from '../call/estimate-tokens.ts';
import { readGovernedCallOptions } from './governed-call-options.ts';
import type { GovernedModelState } from './governed-model-state.ts';
import type { PreparedGovernance } from './prepare-governance.ts';
import { requestCacheKey } from './request-cache-key.ts';

/** One call through a governed model, as every attempt of it reads it. */
export interface GovernedCall {
  governance: PreparedGovernance;
  /** What the model's calls share: its refusal streak, its stop. */
  model: GovernedModelState;
  /** The call's options as the caller gave them; its provider options are sent as `providerOptions`. */
  params: LanguageModelV4CallOptions;
  /** The call's provider options without the governed model's own. */
  providerOptions: LanguageModelV4CallOptions['providerOptions'];
  rowIds: string[];
  /** What output is estimated for: the rows, or the call when it is not about rows. */
  rows: number;
  firstAttempt: number;
  /** The model's signal (its governance's, and its own stop) and the call's own: either stops the call. */
  signal: AbortSignal;
  offersTools: boolean;
  /** The call's place in the response cache; undefined when it may not be cached. */
  cacheKey: string | undefined;
  /** Estimated input tokens, reserved before the call. */
  inputTokens: number;
}

/** Reads one call's options into what its attempts need. */
export function startGovernedCall(governance: PreparedGovernance, model: GovernedModelState, params: LanguageModelV4CallOptions): GovernedCall {
  const { options, providerOptions } = readGovernedCallOptions(params.providerOptions);
  const rowIds = options.rowIds ?? [];
  const offersTools = (params.tools?.length ?? 0) > 0;
  const cacheable = governance.cache !== undefined && (options.cache ?? (!offersTools || governance.cacheToolCalls));
  return {
    governance,
    model,
    params,
    providerOptions,
    rowIds,
    rows: Math.max(1, rowIds.length),
    firstAttempt: options.firstAttempt ?? 1,
    signal: eitherSignal(model.signal, params.abortSignal),
    offersTools,
    cacheKey: cacheable ? (options.cacheKey ?? requestCacheKey(governance.cacheIdentity, { ...params, providerOptions })) : undefined,
    inputTokens: estimatePromptTokens(params.prompt),
  };
}

function eitherSignal(first: AbortSignal, second: AbortSignal | undefined): AbortSignal {
  return second === undefined ? first : AbortSignal.any([first, second]);
}
