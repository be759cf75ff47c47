import type { ModelMessage } from 'ai';
import type { ClassifiedCallError } from '../../call/classify-call-error.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import type { LoopRecording } from './loop-recording.ts';

/** An agent loop run for a dispatch, and how it ended: what settling its answer needs. */
export interface AgentSent {
  rows: PendingRow[];
  rowIds: string[];
  loop: LoopRecording;
  outcome:
    | {
        kind: 'answer';
        /** The loop's last text; undefined when it ended at maxSteps still calling tools. */
        text: string | undefined;
        /** The conversation so far (the rows' message, then the loop's), to ask again in. */
        messages: ModelMessage[];
        /** The last answer's model call, as a correction's first attempt counts on from it. */
        truncated: boolean;
      }
    | { kind: 'failed'; error: ClassifiedCallError }
    | { kind: 'stopped' };
}
