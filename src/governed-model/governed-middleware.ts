import type { LanguageModelV4, LanguageModelV4Middleware } from '@ai-sdk/provider';
import { governGenerate } from './govern-generate.ts';
import { governStream } from './govern-stream.ts';
import type { Governance } from './governance.ts';
import { startGovernedCall } from './governed-call.ts';
import { createGovernedModelState, type GovernedModelState } from './governed-model-state.ts';
import { prepareGovernance, type PreparedGovernance } from './prepare-governance.ts';

/**
 * The governance of `governModel` as AI SDK model middleware, to compose with other middleware in
 * `wrapLanguageModel`. It calls the wrapped model itself, once per attempt, with each attempt's
 * output cap and abort signal. Each middleware holds the state of one governed model (its
 * refusal streak, its stop): wrap one model with it.
 */
export function governedMiddleware(governance: Governance): LanguageModelV4Middleware {
  // Prepared on the first call, when the model (whose name the cache keys use) is known.
  let prepared: { governance: PreparedGovernance; state: GovernedModelState } | undefined;
  const prepare = (model: LanguageModelV4) => {
    if (prepared === undefined) {
      const ready = prepareGovernance(model, governance);
      prepared = { governance: ready, state: createGovernedModelState(ready.abortSignal) };
    }
    return prepared;
  };
  return {
    specificationVersion: 'v4',
    wrapGenerate({ params, model }) {
      const { governance: ready, state } = prepare(model);
      return governGenerate(startGovernedCall(ready, state, params), model);
    },
    wrapStream({ params, model }) {
      const { governance: ready, state } = prepare(model);
      return governStream(startGovernedCall(ready, state, params), model);
    },
  };
}
