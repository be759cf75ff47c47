import type { LanguageModelV4, LanguageModelV4Prompt } from '@ai-sdk/provider';
import { callModel } from '../call/call-model.ts';
import { classifyCallError, type ClassifiedCallError } from '../call/classify-call-error.ts';
import { requestFingerprint, type RequestFingerprint } from '../cache/request-fingerprint.ts';
import { BudgetExceededError } from '../governed-model/budget-exceeded-error.ts';
import { governModel } from '../governed-model/govern-model.ts';
import { GovernedCallError } from '../governed-model/governed-call-error.ts';
import { governedCallMetadata } from '../governed-model/governed-call-metadata.ts';
import { withGovernedCallOptions } from '../governed-model/governed-call-options.ts';
import type { OutputCap } from '../governed-model/output-cap.ts';
import { ProviderWaitError } from '../governed-model/provider-wait-error.ts';
import type { AnsweredCall } from '../recorder/answered-call.ts';
import { passRecorder } from '../recorder/pass-recorder.ts';
import type { PassState } from './pass-state.ts';

/** The model a call goes to, with its limiter and price: the pass's own model unless a worker asks for another. */
export interface CallTarget {
  modelSpec: string;
  /** The model's base URL, in the cache key with the spec: another endpoint may answer otherwise. */
  endpoint: string | undefined;
  languageModel: PassState['languageModel'];
  limiter: PassState['limiter'];
  limiterKey: string;
  costOf: PassState['costOf'];
  /** The environment variable the model's key came from, named in account errors. */
  keyEnv: string | undefined;
  /** The provider charges `max_tokens` against its output limit when a call starts, and refunds the rest at its end. */
  chargesMaxTokensUpFront: boolean;
  /** Swarm's own output cap for this model, when its provider charges `max_tokens` up front. */
  outputCap: OutputCap | undefined;
}

/** How a call ended: an answer, a failure for these rows, or the pass stopping. */
export type CallOutcome =
  | AnsweredCall
  | { kind: 'failed'; error: ClassifiedCallError }
  | { kind: 'stopped' };

/** One model call of a pass. */
export interface PassCall {
  rowIds: string[];
  prompt: LanguageModelV4Prompt;
  /** The answer's JSON Schema; none for free text. */
  schema: Record<string, unknown> | undefined;
  /** The number of the call's first attempt (a correction goes on counting). Default 1. */
  firstAttempt?: number;
  /** The model called. Default: the pass's own. */
  target?: CallTarget;
  /** Default: the pass's `maxOutputTokens`. */
  maxOutputTokens?: number;
}

// Each target's governed model, made on its first call: the pass's own model is the pass state itself.
const governedModels = new WeakMap<CallTarget, LanguageModelV4>();

/**
 * Calls a model of the pass through its governed model (limiter, budget, cache, timeouts, retries,
 * attempts recorded; see `governModel`), and says how the call ended. Errors that affect every call
 * of the key (auth, billing, exhausted quota, a park longer than a pass waits) and a budget cap
 * stop the pass; errors retrying cannot fix, or retries spent, fail the call's rows.
 */
export async function callPassModel(
  state: PassState,
  { rowIds, prompt, schema, firstAttempt = 1, target = state, maxOutputTokens = state.maxOutputTokens }: PassCall,
): Promise<CallOutcome> {
  const cacheKey = state.cache === undefined ? undefined : fingerprintOf(state, target, schema, maxOutputTokens)(prompt);
  try {
    const result = await callModel(governedModelOf(state, target), {
      prompt,
      schema,
      maxOutputTokens,
      providerOptions: withGovernedCallOptions(undefined, { rowIds, firstAttempt, cacheKey }),
    });
    const { attempt, startedAt, cached, latencyMs } = governedCallMetadata(result.providerMetadata)!;
    // The attempt's own time, not the call's: that included waiting for the limiter.
    result.latencyMs = latencyMs;
    return { kind: 'answer', result, attempt, startedAt, cacheKey, cached };
  } catch (error) {
    return outcomeOfError(state, target, error);
  }
}

/**
 * How a call that threw ended for the pass: a budget cap, a long provider wait or an account error
 * stops it; other errors fail the call's rows. Also for calls made through the AI SDK's own loop
 * (an agent's), which throw what the governed model threw.
 */
export function outcomeOfError(state: PassState, target: CallTarget, error: unknown): Exclude<CallOutcome, AnsweredCall> {
  if (BudgetExceededError.isInstance(error)) {
    state.stop({ reason: 'budget', message: `${error.message}; the rest is left pending`, cap: error.cap });
    return { kind: 'stopped' };
  }
  if (ProviderWaitError.isInstance(error)) {
    state.stop({ reason: 'provider', message: `rate-limit: ${error.message} (${target.modelSpec})`, errorClass: 'rate-limit' });
    return { kind: 'stopped' };
  }
  if (GovernedCallError.isInstance(error)) {
    const classified = error.classified;
    if (classified.action !== 'stop') return { kind: 'failed', error: classified };
    // Say which model and key the account error is about: a pass may call more than one.
    const key = target.keyEnv === undefined ? '' : classified.errorClass === 'auth' ? `; check ${target.keyEnv}` : `, key from ${target.keyEnv}`;
    state.stop({ reason: 'provider', message: `${classified.errorClass}: ${classified.message} (${target.modelSpec}${key})`, errorClass: classified.errorClass, keyEnv: target.keyEnv });
    return { kind: 'stopped' };
  }
  if (state.signal.aborted) return { kind: 'stopped' };
  // Raised before anything was sent (the request could not be built): the rows fail with it.
  return { kind: 'failed', error: classifyCallError(error, state.secrets) };
}

/** The governed model of `target`, made on its first call. */
function governedModelOf(state: PassState, target: CallTarget): LanguageModelV4 {
  let model = governedModels.get(target);
  if (model === undefined) {
    model = governPassModel(state, target, { recordAnswers: false });
    governedModels.set(target, model);
  }
  return model;
}

/**
 * `target`'s model governed for a pass: its limiter, the pass's budget, retries, timeouts, cache and
 * stop signal, attempts recorded on the pass. `recordAnswers: false` when the pass judges each
 * answer before recording it (a model pass); true when every answer is recorded as it comes (an
 * agent loop's steps).
 */
export function governPassModel(state: PassState, target: CallTarget, { recordAnswers }: { recordAnswers: boolean }): LanguageModelV4 {
  return governModel(target.languageModel, {
    limiter: target.limiter,
    limiterOwner: state.passId,
    budget: state.budget,
    costOf: target.costOf,
    recorder: passRecorder(state, target),
    recordAnswers,
    maxAttempts: state.maxAttempts,
    timeoutMs: state.timeoutMs,
    stream: state.stream,
    firstTokenTimeoutMs: state.firstTokenTimeoutMs,
    cache: state.cache,
    outputCap: target.outputCap,
    chargesMaxTokensUpFront: target.chargesMaxTokensUpFront,
    outputEstimate: state.outputEstimate,
    abortSignal: state.signal,
    secrets: state.secrets,
  });
}

/** The cache key function for a call to `target` with `schema`. */
function fingerprintOf(state: PassState, target: CallTarget, schema: Record<string, unknown> | undefined, maxOutputTokens: number | undefined): RequestFingerprint {
  const usual = target === state && maxOutputTokens === state.maxOutputTokens;
  if (usual && schema === state.schema.row) return state.fingerprints.single;
  if (usual && schema === state.schema.batch) return state.fingerprints.batch;
  return requestFingerprint({ model: target.modelSpec, endpoint: target.endpoint, schema: schema ?? null, maxOutputTokens });
}
