import type { LanguageModelV4 } from '@ai-sdk/provider';
import { governGenerate } from './govern-generate.ts';
import { governStream } from './govern-stream.ts';
import type { Governance } from './governance.ts';
import { startGovernedCall } from './governed-call.ts';
import { createGovernedModelState } from './governed-model-state.ts';
import { prepareGovernance } from './prepare-governance.ts';

/**
 * Wraps any AI SDK language model so that every call made through it, by a pass or by the AI
 * SDK's own `generateText`/`streamText` tool loop, takes the key's limiter and the budget, is
 * timed out, retried with backoff, answered from the response cache where that is allowed, and
 * recorded attempt by attempt; `governance.abortSignal` and each call's `abortSignal` stop it.
 * Per-call options (the rows a call answers, its cache key) go in `providerOptions.swarm`
 * (`GovernedCallOptions`); what the answering attempt was comes back in `providerMetadata.swarm`
 * (`GovernedCallMetadata`). Failures are typed: `GovernedCallError` (retries spent, or an error
 * retrying cannot fix), `BudgetExceededError`, `ProviderWaitError`. Turn the AI SDK's own retries
 * off (`maxRetries: 0`): the governed model owns them.
 *
 * It is `wrapLanguageModel({ model, middleware: governedMiddleware(governance) })` without the
 * AI SDK's wrapper layers (a parameter transform and two closures a call: 1 µs of a pass's row);
 * use `governedMiddleware` to put the governance among other middleware.
 */
export function governModel(model: LanguageModelV4, governance: Governance): LanguageModelV4 {
  const prepared = prepareGovernance(model, governance);
  const state = createGovernedModelState(prepared.abortSignal);
  return {
    specificationVersion: 'v4',
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    doGenerate: (params) => governGenerate(startGovernedCall(prepared, state, params), model),
    doStream: (params) => governStream(startGovernedCall(prepared, state, params), model),
  };
}
