import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay } from '../call/backoff-delay.ts';
import { callModel, type ModelCallResult } from '../call/call-model.ts';
import { CallTimeoutError, classifyCallError, type ClassifiedCallError } from '../call/classify-call-error.ts';
import type { PassState } from './pass-state.ts';

/** How a call ended after retries: an answer, a failure for these rows, or the pass stopping. */
export type CallOutcome =
  | { kind: 'answer'; result: ModelCallResult; attempt: number; startedAt: number }
  | { kind: 'failed'; error: ClassifiedCallError }
  | { kind: 'stopped' };

/**
 * Calls the model, retrying transient errors with full-jitter backoff (or the wait the provider
 * asked for) up to `maxAttempts`. Errors that retrying cannot fix fail the rows at once; errors
 * that affect every call (auth, billing, missing key) stop the pass.
 */
export async function callWithRetries(
  state: PassState,
  rowIds: string[],
  prompt: LanguageModelV4Prompt,
  schema: Record<string, unknown>,
  firstAttempt = 1,
): Promise<CallOutcome> {
  for (let attempt = firstAttempt; ; attempt++) {
    if (state.signal.aborted) return { kind: 'stopped' };
    const startedAt = Date.now();
    if (state.events.active) state.events.emit({ type: 'dispatch-start', passId: state.passId, rowIds, attempt });
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new CallTimeoutError(state.timeoutMs)), state.timeoutMs);
    const onStop = () => timeout.abort(state.signal.reason);
    state.signal.addEventListener('abort', onStop);
    let error: unknown;
    try {
      const result = await callModel(state.languageModel, {
        prompt,
        schema,
        maxOutputTokens: state.maxOutputTokens,
        abortSignal: timeout.signal,
      });
      return { kind: 'answer', result, attempt, startedAt };
    } catch (caught) {
      error = timeout.signal.aborted && !state.signal.aborted ? timeout.signal.reason : caught;
    } finally {
      clearTimeout(timer);
      state.signal.removeEventListener('abort', onStop);
    }
    if (state.signal.aborted) return { kind: 'stopped' };

    const classified = classifyCallError(error);
    state.usage.calls++;
    state.writer.attempt({
      rowIds,
      attempt,
      status: 'error',
      errorClass: classified.errorClass,
      errorMessage: classified.message,
      inputTokens: 0,
      outputTokens: 0,
      cost: undefined,
      latencyMs: Date.now() - startedAt,
      startedAt,
      endedAt: Date.now(),
    });
    state.events.emit({
      type: 'dispatch-end',
      passId: state.passId,
      rowIds,
      attempt,
      status: 'error',
      usage: { inputTokens: 0, outputTokens: 0 },
      cost: undefined,
      latencyMs: Date.now() - startedAt,
      errorClass: classified.errorClass,
    });
    if (classified.action === 'stop') {
      state.stop({ reason: 'provider', message: `${classified.errorClass}: ${classified.message}` });
      return { kind: 'stopped' };
    }
    if (classified.action === 'fail' || attempt >= state.maxAttempts) return { kind: 'failed', error: classified };
    const delayMs = classified.retryAfterMs ?? backoffDelay(attempt);
    state.events.emit({ type: 'retry-wait', passId: state.passId, rowIds, errorClass: classified.errorClass, delayMs, attempt });
    try {
      await sleep(delayMs, undefined, { signal: state.signal });
    } catch {
      return { kind: 'stopped' };
    }
  }
}
