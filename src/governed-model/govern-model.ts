import type { LanguageModelV4 } from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import type { Governance } from './governance.ts';
import { governedMiddleware } from './governed-middleware.ts';
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
 */
export function governModel(model: LanguageModelV4, governance: Governance): LanguageModelV4 {
  return wrapLanguageModel({ model, middleware: governedMiddleware(prepareGovernance(model, governance)) });
}
