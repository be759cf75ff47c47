import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay } from '../call/backoff-delay.ts';
import { callModel, type ModelCallResult } from '../call/call-model.ts';
import { estimatePromptTokens } from '../call/estimate-tokens.ts';
import { CallTimeoutError, classifyCallError, type ClassifiedCallError } from '../call/classify-call-error.ts';
import type { Reservation } from '../limit/key-limiter.ts';
import { parseRateLimitHeaders, resetDelayOf } from '../limit/parse-rate-limit-headers.ts';
import { requestFingerprint, type RequestFingerprint } from '../cache/request-fingerprint.ts';
import type { PassState } from './pass-state.ts';
import { readProviderErrorBody } from '../call/provider-error-body.ts';
import { canRaise, type OutputCap } from './output-cap.ts';
import { recordAnsweredCall } from './record-answered-call.ts';

import { longestProviderWaitMs as longestWaitMs } from './longest-provider-wait.ts';
import { providerHoldMessage } from './provider-wait-error.ts';

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

/** The cache key function for a call to `target` with `schema`. */
function fingerprintOf(state: PassState, target: CallTarget, schema: Record<string, unknown> | undefined, maxOutputTokens: number | undefined): RequestFingerprint {
  const usual = target === state && maxOutputTokens === state.maxOutputTokens;
  if (usual && schema === state.schema.row) return state.fingerprints.single;
  if (usual && schema === state.schema.batch) return state.fingerprints.batch;
  return requestFingerprint({ model: target.modelSpec, endpoint: target.endpoint, schema: schema ?? null, maxOutputTokens });
}

/** How a call ended after retries: an answer, a failure for these rows, or the pass stopping. */
export type CallOutcome =
  | {
      kind: 'answer';
      result: ModelCallResult;
      attempt: number;
      startedAt: number;
      cacheKey: string | undefined;
      cached: boolean;
      /** The call's cost when it is not the model's list price (a provider batch's discount). */
      cost?: number;
    }
  | { kind: 'failed'; error: ClassifiedCallError }
  | { kind: 'stopped' };

/**
 * Calls the model under the key's limiter, retrying transient errors with full-jitter backoff
 * (or the wait the provider asked for) up to `maxAttempts`. A rate limit parks the whole key
 * until its deadline and never uses up an attempt. Errors that retrying cannot fix fail the rows
 * at once; errors that affect every call (auth, billing, exhausted quota) stop the pass.
 */
export async function callWithRetries(
  state: PassState,
  rowIds: string[],
  prompt: LanguageModelV4Prompt,
  schema: Record<string, unknown> | undefined,
  firstAttempt = 1,
  target: CallTarget = state,
  maxOutputTokens = state.maxOutputTokens,
): Promise<CallOutcome> {
  const cacheKey = state.cache === undefined ? undefined : fingerprintOf(state, target, schema, maxOutputTokens)(prompt);
  const hit = cacheKey === undefined ? undefined : state.cache!.get(cacheKey);
  if (hit !== undefined) {
    const result: ModelCallResult = { text: hit.text, usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: 0, headers: undefined };
    return { kind: 'answer', result, attempt: firstAttempt, startedAt: Date.now(), cacheKey, cached: true };
  }
  const inputTokens = estimatePromptTokens(prompt);
  // Swarm sets the output cap itself when the provider charges it up front and nobody else set it.
  const ownCap = maxOutputTokens === undefined ? target.outputCap : undefined;
  for (let attempt = firstAttempt; ; ) {
    if (state.signal.aborted) return { kind: 'stopped' };
    const estimateCall = () => {
      const outputTokens = maxOutputTokens ?? ownCap?.forCall(rowIds.length) ?? Math.ceil(state.outputTokensPerRow * rowIds.length);
      return { outputTokens, cost: target.costOf(inputTokens, outputTokens) ?? 0, tokens: inputTokens + outputTokens };
    };
    let estimate = estimateCall();
    let ticket = state.budget.reserve(estimate);
    // Over a cap only because of what calls in flight were estimated at: their real costs may leave room.
    while (!('release' in ticket) && state.budget.inFlight > 0 && !state.signal.aborted) {
      await state.budget.nextRelease(state.signal);
      estimate = estimateCall();
      ticket = state.budget.reserve(estimate);
    }
    if (!('release' in ticket)) {
      if (!state.signal.aborted) state.stop({ reason: 'budget', message: `${ticket.message}; the rest is left pending`, cap: ticket.cap });
      return { kind: 'stopped' };
    }
    let reservation: Reservation;
    try {
      // Swarm's own cap is chosen when the call leaves the queue, so answers that came back while it
      // waited can lower it; never above what the budget holds for it (a cut-off answer elsewhere
      // may have raised it: this call gets the raise on its next attempt, if it needs one).
      const tokens = { inputTokens, outputTokens: estimate.outputTokens };
      const reserved = estimate.outputTokens;
      reservation = await target.limiter.acquire(
        ownCap === undefined ? tokens : () => ({ inputTokens, outputTokens: Math.min(reserved, ownCap.forCall(rowIds.length)) }),
        state.signal,
        state.passId,
      );
    } catch {
      ticket.release({ cost: 0, tokens: 0 });
      return { kind: 'stopped' };
    }
    const cap = maxOutputTokens ?? (ownCap === undefined ? undefined : reservation.tokens.outputTokens);
    const startedAt = Date.now();
    if (state.events.active) state.events.emit({ type: 'dispatch-start', passId: state.passId, rowIds, attempt });
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new CallTimeoutError(`no answer within ${state.timeoutMs} ms`)), state.timeoutMs);
    let firstTokenTimer = state.stream
      ? setTimeout(() => timeout.abort(new CallTimeoutError(`no first token within ${state.firstTokenTimeoutMs} ms`)), state.firstTokenTimeoutMs)
      : undefined;
    const onFirstToken = () => {
      clearTimeout(firstTokenTimer);
      firstTokenTimer = undefined;
    };
    const onStop = () => timeout.abort(state.signal.reason);
    state.signal.addEventListener('abort', onStop);
    let error: unknown;
    try {
      const result = await callModel(target.languageModel, {
        prompt,
        schema,
        maxOutputTokens: cap,
        abortSignal: timeout.signal,
        stream: state.stream,
        onFirstToken,
      });
      reservation.settle({ actual: result.usage, latencyMs: result.latencyMs });
      ticket.release({
        cost: target.costOf(result.usage.inputTokens, result.usage.outputTokens) ?? 0,
        tokens: result.usage.inputTokens + result.usage.outputTokens,
      });
      // A provider charging max_tokens up front stated what was left while it still held this call's
      // whole cap; it has given back the unused part since.
      learnFromHeaders(target, result.headers, startedAt, cap === undefined || !target.chargesMaxTokensUpFront ? 0 : Math.max(0, cap - result.usage.outputTokens));
      state.outputTokensPerRow = state.outputTokensPerRow * 0.9 + (result.usage.outputTokens / rowIds.length) * 0.1;
      state.rateLimitStreak = 0;
      const answer = { kind: 'answer', result, attempt, startedAt, cacheKey, cached: false } as const;
      if (ownCap !== undefined && cap !== undefined) {
        if (!result.truncated) ownCap.observe(result.usage.outputTokens, rowIds.length);
        // Cut off at a cap Swarm chose (not sooner: the model's own maximum, which the AI SDK sends
        // instead of a larger cap): ask again at once with room for the whole answer.
        else if (canRaise(cap) && result.usage.outputTokens >= 0.9 * cap && attempt < state.maxAttempts) {
          ownCap.cutOff(cap, rowIds.length);
          recordAnsweredCall(state, rowIds, answer, `cut off at ${cap} output tokens; asked again with ${ownCap.forCall(rowIds.length)}`, target.costOf, 'truncated');
          attempt++;
          continue;
        }
      }
      return answer;
    } catch (caught) {
      error = timeout.signal.aborted && !state.signal.aborted ? timeout.signal.reason : caught;
    } finally {
      clearTimeout(timer);
      clearTimeout(firstTokenTimer);
      state.signal.removeEventListener('abort', onStop);
    }
    const classified = classifyCallError(error, state.env);
    // A refused call cost nothing; one cut off (timeout, dropped) may have been billed: it keeps its estimate.
    ticket.release(classified.status !== undefined ? { cost: 0, tokens: 0 } : { cost: estimate.cost, tokens: estimate.tokens });
    // A refused call used no tokens; one cut off (timeout, dropped) may have: keep the estimate.
    reservation.settle({
      actual: classified.status !== undefined ? { inputTokens: 0, outputTokens: 0 } : undefined,
      overloaded: classified.overloaded,
      refused: classified.rateLimited,
    });
    // What the answer says of the key's limits holds for every pass sharing it, stopped or not.
    const headers = APICallError.isInstance(error) ? error.responseHeaders : undefined;
    learnFromHeaders(target, headers, startedAt);
    if (classified.rateLimited) learnFromBody(target, error, startedAt);
    if (state.signal.aborted) {
      // Sent (and perhaps billed), then answered with an error or cut off by the stop: still a call of this run.
      const cutOff = { errorClass: 'stopped', action: 'fail', message: 'cut off when the pass stopped' } as const;
      recordErrorAttempt(state, rowIds, attempt, startedAt, classified.status === undefined ? cutOff : classified);
      if (classified.rateLimited) parkKey(state, target, classified.retryAfterMs ?? resetDelayOf(headers));
      return { kind: 'stopped' };
    }
    recordErrorAttempt(state, rowIds, attempt, startedAt, classified);

    if (classified.action === 'stop') {
      // Say which model and key the account error is about: a pass may call more than one.
      const key = target.keyEnv === undefined ? '' : classified.errorClass === 'auth' ? `; check ${target.keyEnv}` : `, key from ${target.keyEnv}`;
      state.stop({ reason: 'provider', message: `${classified.errorClass}: ${classified.message} (${target.modelSpec}${key})`, errorClass: classified.errorClass, keyEnv: target.keyEnv });
      return { kind: 'stopped' };
    }
    if (classified.rateLimited) {
      const parkedUntil = parkKey(state, target, classified.retryAfterMs ?? resetDelayOf(headers));
      if (parkedUntil - Date.now() > longestWaitMs) {
        state.stop({ reason: 'provider', message: `rate-limit: ${providerHoldMessage(parkedUntil)} (${target.modelSpec})`, errorClass: 'rate-limit' });
        return { kind: 'stopped' };
      }
      continue;
    }
    if (classified.action === 'fail' || attempt >= state.maxAttempts) return { kind: 'failed', error: classified };
    const delayMs = classified.retryAfterMs ?? backoffDelay(attempt);
    state.events.emit({ type: 'retry-wait', passId: state.passId, rowIds, errorClass: classified.errorClass, delayMs, attempt });
    attempt++;
    try {
      await sleep(delayMs, undefined, { signal: state.signal });
    } catch {
      return { kind: 'stopped' };
    }
  }
}

/** Holds every call for the key until the provider's deadline, or Swarm's backoff when it gave none; returns the deadline. */
function parkKey(state: PassState, target: CallTarget, providerWaitMs: number | undefined): number {
  const waitSource = providerWaitMs === undefined ? 'backoff' : 'provider';
  // A provider that says neither its limit nor how long to wait: the limiter already slowed its
  // pace to the rate the provider accepted; a park on top would only idle the key.
  const { pacedPerMinute, source } = target.limiter.snapshot();
  if (providerWaitMs === undefined && source === 'none' && pacedPerMinute !== undefined) {
    const until = Date.now();
    state.events.emit({ type: 'rate-limit', passId: state.passId, limiterKey: target.limiterKey, parkedUntil: until, waitSource });
    return until;
  }
  const waitMs = providerWaitMs ?? backoffDelay(++state.rateLimitStreak, { initialDelayMs: 1000, maxDelayMs: 60_000 }) + 250;
  const parkedUntil = Date.now() + waitMs;
  target.limiter.park(parkedUntil);
  state.events.emit({ type: 'rate-limit', passId: state.passId, limiterKey: target.limiterKey, parkedUntil, waitSource });
  return parkedUntil;
}

function learnFromHeaders(target: CallTarget, headers: Record<string, string | undefined> | undefined, sentAt: number, givenBackOutput = 0): void {
  const learned = parseRateLimitHeaders(headers);
  if (learned === undefined) return;
  const remaining = { ...learned.remaining };
  if (givenBackOutput > 0 && remaining.outputTokensPerMinute !== undefined) remaining.outputTokensPerMinute += givenBackOutput;
  target.limiter.learn({ limits: learned.limits, remaining, source: 'header', sentAt });
}

/** Learns limits a 429 body states (OpenAI's message, Gemini's QuotaFailure), with nothing left until the park ends. */
function learnFromBody(target: CallTarget, error: unknown, sentAt: number): void {
  if (!APICallError.isInstance(error)) return;
  const { limits } = readProviderErrorBody(error.responseBody);
  if (limits === undefined) return;
  const remaining = Object.fromEntries(Object.keys(limits).map((key) => [key, 0]));
  target.limiter.learn({ limits, remaining, source: 'learned', sentAt });
}

function recordErrorAttempt(state: PassState, rowIds: string[], attempt: number, startedAt: number, classified: ClassifiedCallError): void {
  const endedAt = Date.now();
  state.usage.calls++;
  if (classified.rateLimited) state.usage.rateLimited++;
  else if (attempt > 1) state.usage.retries++;
  state.writer.attempt({
    rowIds,
    attempt,
    status: 'error',
    errorClass: classified.errorClass,
    errorMessage: classified.message,
    inputTokens: 0,
    outputTokens: 0,
    cost: undefined,
    latencyMs: endedAt - startedAt,
    startedAt,
    endedAt,
  });
  state.events.emit({
    type: 'dispatch-end',
    passId: state.passId,
    rowIds,
    attempt,
    status: 'error',
    usage: { inputTokens: 0, outputTokens: 0 },
    cost: undefined,
    latencyMs: endedAt - startedAt,
    errorClass: classified.errorClass,
  });
}
