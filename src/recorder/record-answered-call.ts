import type { AnsweredCall } from './answered-call.ts';
import type { PassRecording } from './pass-recording.ts';

/** Records an answered call, and keeps a fully valid answer in the response cache (failures never are). */
export function recordAnsweredCall(
  state: PassRecording,
  {
    rowIds,
    outcome,
    problem,
    costOf = state.costOf,
    problemClass = 'invalid-output',
  }: {
    rowIds: string[];
    outcome: AnsweredCall;
    /** Why the answer was not taken; undefined when it was. */
    problem?: string;
    /** The price of the model called: the pass's own unless a row worker called another. */
    costOf?: PassRecording['costOf'];
    /** What kind of problem `problem` is. */
    problemClass?: string;
  },
): void {
  const { result, attempt, startedAt, cached, cacheKey } = outcome;
  if (problem === undefined && !cached && cacheKey !== undefined) state.cache?.put(cacheKey, { text: result.text, usage: result.usage });
  const cost = cached ? 0 : (outcome.cost ?? costOf(result.usage.inputTokens, result.usage.outputTokens));
  if (cached) state.usage.cached++;
  else {
    state.usage.calls++;
    if (attempt > 1) state.usage.retries++;
  }
  state.usage.inputTokens += result.usage.inputTokens;
  state.usage.outputTokens += result.usage.outputTokens;
  if (cost !== undefined) state.usage.cost = (state.usage.cost ?? 0) + cost;
  const status = problem === undefined ? 'ok' : 'invalid';
  state.writer.attempt({
    rowIds,
    attempt,
    status,
    errorClass: problem === undefined ? undefined : problemClass,
    errorMessage: problem,
    inputTokens: result.usage.inputTokens,
    outputTokens: result.usage.outputTokens,
    cost,
    latencyMs: result.latencyMs,
    rawOutput: problem === undefined ? undefined : result.text,
    cached,
    startedAt,
    endedAt: Date.now(),
  });
  if (state.events.active) {
    state.events.emit({
      type: 'dispatch-end',
      passId: state.passId,
      rowIds,
      attempt,
      status,
      usage: result.usage,
      cost,
      latencyMs: result.latencyMs,
      errorClass: problem === undefined ? undefined : problemClass,
      ...(cached ? { cached: true } : {}),
    });
  }
}
