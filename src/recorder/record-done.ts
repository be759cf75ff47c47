import type { PassRecording } from './pass-recording.ts';

/** Counts an answered row and queues its columns for the store. */
export function recordDone(state: PassRecording, rowId: string, output: Record<string, unknown>): void {
  state.completed++;
  state.writer.done(rowId, output);
  if (state.events.active) state.events.emit({ type: 'row-end', passId: state.passId, rowId, status: 'done', output });
}
