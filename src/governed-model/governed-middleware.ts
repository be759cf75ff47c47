import type { LanguageModelV4Middleware } from '@ai-sdk/provider';
import { governGenerate } from './govern-generate.ts';
import { governStream } from './govern-stream.ts';
import { startGovernedCall } from './governed-call.ts';
import { createGovernedModelState } from './governed-model-state.ts';
import type { PreparedGovernance } from './prepare-governance.ts';

/**
 * The model middleware that governs every `doGenerate` and `doStream` call of the model it wraps
 * (see `governModel`). It calls the wrapped model itself, once per attempt, with each attempt's
 * output cap and abort signal.
 */
export function governedMiddleware(governance: PreparedGovernance): LanguageModelV4Middleware {
  const state = createGovernedModelState(governance.abortSignal);
  return {
    specificationVersion: 'v4',
    wrapGenerate: ({ params, model }) => governGenerate(startGovernedCall(governance, state, params), model),
    wrapStream: ({ params, model }) => governStream(startGovernedCall(governance, state, params), model),
  };
}
