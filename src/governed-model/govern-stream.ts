import type { LanguageModelV4, LanguageModelV4Content, LanguageModelV4StreamPart, LanguageModelV4StreamResult } from '@ai-sdk/provider';
import { setTimeout as sleep } from 'node:timers/promises';
import { StreamInterruptedError } from '../call/stream-interrupted-error.ts';
import { answerText } from './answer-text.ts';
import { startAttemptDeadline, type AttemptDeadline } from './attempt-deadline.ts';
import { cachedAnswer } from './cached-answer.ts';
import { endAnsweredAttempt } from './end-answered-attempt.ts';
import { endFailedAttempt } from './end-failed-attempt.ts';
import { withGovernedCallMetadata } from './governed-call-metadata.ts';
import type { GovernedCall } from './governed-call.ts';
import { holdAttempt, type HeldAttempt } from './hold-attempt.ts';
import { recordAnswer } from './record-answer.ts';

type FinishPart = Extract<LanguageModelV4StreamPart, { type: 'finish' }>;

/**
 * Makes one `doStream` call of `model` under its governance. Attempts that fail before the stream
 * starts (a refusal, a timeout, a dropped connection) are settled, recorded and retried as for
 * `doGenerate`; once the stream has started its parts go to the caller as they come, so an
 * attempt that breaks off then is recorded and its error passed on, not retried. The limiter slot
 * and the budget are held until the stream ends, and settled with the usage of its finish part.
 */
export async function governStream(call: GovernedCall, model: LanguageModelV4): Promise<LanguageModelV4StreamResult> {
  const { governance, params, rowIds, signal } = call;
  if (call.cacheKey !== undefined) {
    const hit = governance.cache!.get(call.cacheKey);
    if (hit !== undefined) return { stream: streamOf(cachedAnswer(call, hit)) };
  }
  for (let attempt = call.firstAttempt; ; ) {
    signal.throwIfAborted();
    const held = await holdAttempt(call);
    const startedAt = Date.now();
    governance.recorder?.attemptStart({ rowIds, attempt });
    const deadline = startAttemptDeadline(call, { timeoutMs: governance.timeoutMs, firstTokenTimeoutMs: governance.firstTokenTimeoutMs });
    const sentAt = performance.now();
    let started: LanguageModelV4StreamResult;
    try {
      started = await model.doStream({ ...params, providerOptions: call.providerOptions, maxOutputTokens: held.cap, abortSignal: deadline.signal });
    } catch (caught) {
      const error = deadline.errorOf(caught);
      deadline.clear();
      const step = endFailedAttempt(call, held, { error, attempt, startedAt });
      if (step.retry === 'next-attempt') {
        attempt++;
        try {
          await sleep(step.delayMs, undefined, { signal });
        } catch (stopped) {
          signal.throwIfAborted();
          throw stopped;
        }
      }
      continue;
    }
    return { ...started, stream: watchStream(call, { held, deadline, attempt, startedAt, sentAt, headers: started.response?.headers }, started.stream) };
  }
}

/** The stream of an attempt, passed on part by part; its end (finished, broken off or cancelled) settles the attempt. */
function watchStream(
  call: GovernedCall,
  attempt: { held: HeldAttempt; deadline: AttemptDeadline; attempt: number; startedAt: number; sentAt: number; headers: Record<string, string | undefined> | undefined },
  stream: ReadableStream<LanguageModelV4StreamPart>,
): ReadableStream<LanguageModelV4StreamPart> {
  const { held, deadline, startedAt } = attempt;
  const reader = stream.getReader();
  let text = '';
  // A call that offers no tools may still be answered through a JSON tool (Anthropic's non-strict
  // structured output): its input is the answer's text, as `collectStream` reads it.
  let toolInput = '';
  const toolCalls: LanguageModelV4Content[] = [];
  let finish: FinishPart | undefined;
  let ended = false;
  const fail = (error: unknown) => {
    if (ended) return;
    ended = true;
    deadline.clear();
    try {
      endFailedAttempt(call, held, { error: deadline.errorOf(error), attempt: attempt.attempt, startedAt, retrying: false });
    } catch {
      // The error goes to the reader of the stream, not to a retry.
    }
  };
  const succeed = (part: FinishPart) => {
    ended = true;
    deadline.clear();
    const usage = { inputTokens: part.usage.inputTokens.total ?? 0, outputTokens: part.usage.outputTokens.total ?? 0 };
    const answer = { usage, truncated: part.finishReason.unified === 'length', headers: attempt.headers, attempt: attempt.attempt, startedAt, latencyMs: performance.now() - attempt.sentAt };
    const answered = call.offersTools || text !== '' ? text : toolInput;
    const result = { content: [{ type: 'text', text: answered }, ...(call.offersTools ? toolCalls : [])] satisfies LanguageModelV4Content[] };
    // A stream already passed on cannot be asked again: a cut-off answer is the caller's to judge.
    endAnsweredAttempt(call, { ...held, ownCap: undefined }, answer, result);
    if (call.governance.recordAnswers) recordAnswer(call, { ...answer, text: answerText(result, call.offersTools), finishReason: part.finishReason.unified });
    const metadata = { attempt: attempt.attempt, startedAt, latencyMs: answer.latencyMs, cached: false, ...(call.cacheKey === undefined ? {} : { cacheKey: call.cacheKey }) };
    return { ...part, providerMetadata: withGovernedCallMetadata(part.providerMetadata, metadata) };
  };
  return new ReadableStream<LanguageModelV4StreamPart>({
    async pull(controller) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        fail(error);
        controller.error(deadline.errorOf(error));
        return;
      }
      if (next.done) {
        if (finish === undefined) fail(new StreamInterruptedError('the stream ended before the answer was finished'));
        controller.close();
        return;
      }
      const part = next.value;
      switch (part.type) {
        case 'text-delta':
          deadline.firstToken();
          text += part.delta;
          break;
        case 'tool-input-delta':
          deadline.firstToken();
          toolInput += part.delta;
          break;
        case 'tool-call':
          if (call.offersTools) toolCalls.push(part);
          else if (toolInput === '') toolInput = part.input;
          break;
        case 'error':
          fail(part.error);
          break;
        case 'finish':
          if (!ended) {
            finish = part;
            controller.enqueue(succeed(part));
            return;
          }
      }
      controller.enqueue(part);
    },
    async cancel(reason) {
      fail(new StreamInterruptedError('the reader cancelled the stream', { cause: reason }));
      await reader.cancel(reason);
    },
  });
}

/** A cached answer as the stream a provider would have sent. */
function streamOf({ content, usage, metadata }: ReturnType<typeof cachedAnswer>): ReadableStream<LanguageModelV4StreamPart> {
  const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
  let toolCalls = false;
  content.forEach((part, index) => {
    const id = String(index);
    if (part.type === 'text') parts.push({ type: 'text-start', id }, { type: 'text-delta', id, delta: part.text }, { type: 'text-end', id });
    else if (part.type === 'reasoning') parts.push({ type: 'reasoning-start', id }, { type: 'reasoning-delta', id, delta: part.text }, { type: 'reasoning-end', id });
    else {
      toolCalls ||= part.type === 'tool-call';
      parts.push(part as LanguageModelV4StreamPart);
    }
  });
  parts.push({ type: 'finish', usage, finishReason: { unified: toolCalls ? 'tool-calls' : 'stop', raw: undefined }, providerMetadata: metadata });
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}
