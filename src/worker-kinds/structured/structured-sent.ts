import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import type { CallOutcome } from '../../pass/call-pass-model.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';

/** A structured call sent for a dispatch, and how it ended: what settling its answer needs. */
export interface StructuredSent {
  /** The dispatch's rows that went into the prompt (rows whose file could not be read are already failed). */
  rows: PendingRow[];
  rowIds: string[];
  prompt: LanguageModelV4Prompt;
  /** The answer's schema: one row's, or a batch's `{ results: [...] }`. */
  schema: Record<string, unknown>;
  outcome: CallOutcome;
}
