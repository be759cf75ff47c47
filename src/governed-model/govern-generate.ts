import type { LanguageModelV4, LanguageModelV4GenerateResult } from '@ai-sdk/provider';
import { setTimeout as sleep } from 'node:timers/promises';
import { answerText } from './answer-text.ts';
import { startAttemptDeadline } from './attempt-deadline.ts';
import { cachedGenerateResult } from './cached-answer.ts';
import { collectStream } from './collect-stream.ts';
import { endAnsweredAttempt } from './end-answered-attempt.ts';
import { endFailedAttempt } from './end-failed-attempt.ts';
import { withGovernedCallMetadata } from './governed-call-metadata.ts';
import type { GovernedCall } from './governed-call.ts';
import { holdAttempt } from './hold-attempt.ts';
import { recordAnswer } from './record-answer.ts';

/**
 * Makes one `doGenerate` call of `model` under its governance: from the response cache when it
 * may, else attempt after attempt, each holding a limiter slot and its budget estimate, timed out,
 * retried on transient errors with full-jitter backoff (or the wait the provider named) and
 * recorded. A rate limit parks the whole key and does not use up an attempt.
 */
export async function governGenerate(call: GovernedCall, model: LanguageModelV4): Promise<LanguageModelV4GenerateResult> {
  const { governance, params, rowIds, signal, offersTools } = call;
  if (call.cacheKey !== undefined) {
    const hit = governance.cache!.get(call.cacheKey);
    if (hit !== undefined) return cachedGenerateResult(call, hit);
  }
  for (let attempt = call.firstAttempt; ; ) {
    signal.throwIfAborted();
    const held = await holdAttempt(call);
    const startedAt = Date.now();
    governance.recorder?.attemptStart({ rowIds, attempt });
    const deadline = startAttemptDeadline(call, {
      timeoutMs: governance.timeoutMs,
      firstTokenTimeoutMs: governance.stream ? governance.firstTokenTimeoutMs : undefined,
    });
    const attemptParams = { ...params, providerOptions: call.providerOptions, maxOutputTokens: held.cap, abortSignal: deadline.signal };
    const sentAt = performance.now();
    let result: LanguageModelV4GenerateResult | undefined;
    let error: unknown;
    try {
      result = governance.stream
        ? await collectStream(await model.doStream(attemptParams), { offersTools, onFirstToken: deadline.firstToken })
        : await model.doGenerate(attemptParams);
    } catch (caught) {
      error = deadline.errorOf(caught);
    } finally {
      deadline.clear();
    }
    if (result === undefined) {
      const step = endFailedAttempt(call, held, { error, attempt, startedAt });
      if (step.retry === 'next-attempt') {
        attempt++;
        await pause(step.delayMs, signal);
      }
      continue;
    }
    const usage = { inputTokens: result.usage.inputTokens.total ?? 0, outputTokens: result.usage.outputTokens.total ?? 0 };
    const answer = {
      usage,
      truncated: result.finishReason?.unified === 'length',
      headers: result.response?.headers,
      attempt,
      startedAt,
      latencyMs: performance.now() - sentAt,
    };
    if (endAnsweredAttempt(call, held, answer, result) === 'ask-again') {
      attempt++;
      continue;
    }
    if (governance.recordAnswers) recordAnswer(call, { ...answer, text: answerText(result, offersTools), finishReason: result.finishReason?.unified });
    const metadata = { attempt, startedAt, latencyMs: answer.latencyMs, cached: false, ...(call.cacheKey === undefined ? {} : { cacheKey: call.cacheKey }) };
    return { ...result, providerMetadata: withGovernedCallMetadata(result.providerMetadata, metadata) };
  }
}

/** Waits out a backoff; a stop during it ends the call with the signal's reason. */
async function pause(delayMs: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(delayMs, undefined, { signal });
  } catch (error) {
    signal.throwIfAborted();
    throw error;
  }
}
