import type { CallOutcome } from './call-pass-model.ts';
import type { PassState } from './pass-state.ts';

/** Calls refused in a row the same way, none answered between them, that stop a pass. */
export const repeatedRefusalLimit = 5;

/** The run of calls refused the same way so far (`key`: status and error class). */
export interface RefusalStreak {
  key: string | undefined;
  count: number;
}

/**
 * Notes how a call ended. A provider that refuses call after call the same way (the same status
 * and error class, with no answer between them: a schema or an option it rejects) would refuse
 * every row: after `repeatedRefusalLimit` such calls the pass stops with that error, as for an
 * auth error, leaving the rest pending, instead of sending every row to be refused. An answer
 * ends the streak; answers from the cache and transient errors (retried already) do not count.
 */
export function noteCallOutcome(state: PassState, outcome: CallOutcome, modelSpec = state.modelSpec): void {
  const streak = state.refusals;
  if (outcome.kind === 'answer') {
    if (!outcome.cached) Object.assign(streak, { key: undefined, count: 0 });
    return;
  }
  if (outcome.kind !== 'failed' || outcome.error.action !== 'fail') return;
  const { status, errorClass, message } = outcome.error;
  const key = `${status ?? 'no status'} ${errorClass}`;
  streak.count = streak.key === key ? streak.count + 1 : 1;
  streak.key = key;
  if (streak.count < repeatedRefusalLimit) return;
  state.stop({
    reason: 'provider',
    errorClass,
    message:
      `${errorClass}: ${message} (${modelSpec}); the last ${streak.count} calls were all refused this way and none was answered, ` +
      'so the rest would be too: change what the provider refuses (the schema, the model or an option), then run again',
  });
}
