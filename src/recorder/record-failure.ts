import type { PassRecording } from './pass-recording.ts';
import type { RowFailure } from './result-writer.ts';

const keptFailures = 1000;

/** Counts a failure and keeps the first ones for the pass result. */
export function recordFailure(state: PassRecording, failure: RowFailure): void {
  state.failed++;
  if (state.failures.length < keptFailures) state.failures.push(failure);
  state.writer.failed(failure);
  state.events.emit({ type: 'row-end', passId: state.passId, rowId: failure.id, status: 'failed', error: failure.error, errorClass: failure.errorClass });
}
