import type { AttemptRecorder } from '../governed-model/attempt-recorder.ts';
import type { Store } from '../store/store.ts';

/** Records each attempt of a governed model on `passId` in the store, answered or not, as a pass's are. */
export function ledgerRecorder(store: Store, passId: string): AttemptRecorder {
  return {
    attemptStart() {},
    attemptEnd(record) {
      const { rowIds, attempt, startedAt, endedAt } = record;
      if (record.status === 'error') {
        const { errorClass, message } = record.error;
        store.attempts.record(passId, { rowIds, attempt, status: 'error', errorClass, errorMessage: message, inputTokens: 0, outputTokens: 0, cost: undefined, latencyMs: endedAt - startedAt, startedAt, endedAt });
        return;
      }
      const { usage, cost, latencyMs, text } = record;
      store.attempts.record(passId, { rowIds, attempt, status: 'ok', inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, cost, latencyMs, rawOutput: text, startedAt, endedAt });
    },
    retryWait() {},
    keyPark() {},
  };
}
