import type { AttemptRecorder, FailedAttempt } from '../governed-model/attempt-recorder.ts';
import type { PassRecording } from './pass-recording.ts';
import { recordAnsweredCall } from './record-answered-call.ts';

/** The model a recorder records for: its price, and the limiter key its parks are reported under. */
export interface RecordedTarget {
  costOf: PassRecording['costOf'];
  limiterKey: string;
}

/**
 * Records what the governed model of `target` does in a pass: attempts in the store and the pass's
 * usage, `dispatch-start`/`dispatch-end`, `retry-wait` and `rate-limit` events on its bus. Answers
 * the pass takes are recorded by the pass once it has judged them (see `recordAnsweredCall`).
 */
export function passRecorder(state: PassRecording, target: RecordedTarget): AttemptRecorder {
  return {
    attemptStart({ rowIds, attempt }) {
      if (state.events.active) state.events.emit({ type: 'dispatch-start', passId: state.passId, rowIds, attempt });
    },
    attemptEnd(record) {
      if (record.status === 'error') return recordFailedAttempt(state, record);
      const { rowIds, text, usage, latencyMs, attempt, startedAt, cacheKey, cached, problem } = record;
      const answer = { kind: 'answer', result: { text, usage, latencyMs, headers: undefined }, attempt, startedAt, cacheKey, cached } as const;
      recordAnsweredCall(state, { rowIds, outcome: answer, problem: problem?.message, costOf: target.costOf, problemClass: problem?.errorClass });
    },
    retryWait({ rowIds, attempt, errorClass, delayMs }) {
      state.events.emit({ type: 'retry-wait', passId: state.passId, rowIds, errorClass, delayMs, attempt });
    },
    keyPark({ parkedUntil, waitSource }) {
      state.events.emit({ type: 'rate-limit', passId: state.passId, limiterKey: target.limiterKey, parkedUntil, waitSource });
    },
  };
}

function recordFailedAttempt(state: PassRecording, { rowIds, attempt, startedAt, endedAt, error }: FailedAttempt): void {
  state.usage.calls++;
  if (error.rateLimited) state.usage.rateLimited++;
  else if (attempt > 1) state.usage.retries++;
  state.writer.attempt({
    rowIds,
    attempt,
    status: 'error',
    errorClass: error.errorClass,
    errorMessage: error.message,
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
    errorClass: error.errorClass,
  });
}
