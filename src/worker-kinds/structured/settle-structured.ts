import { callPassModel, type CallOutcome } from '../../pass/call-pass-model.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import type { PassState } from '../../pass/pass-state.ts';
import { recordDone } from '../../recorder/record-done.ts';
import { recordFailure } from '../../recorder/record-failure.ts';
import { renderCorrection } from '../../pass/render-prompt.ts';
import { recordAnsweredCall as recordAttempt } from '../../recorder/record-answered-call.ts';
import { noteCallOutcome } from '../../pass/repeated-refusal.ts';
import { checkSingleAnswer } from './check-row-answer.ts';
import { splitBatchAnswer } from './split-batch-answer.ts';
import type { StructuredSent } from './structured-sent.ts';

/**
 * Settles a structured call's answer. Every row of it is validated on its own; rows a batched
 * answer left out or got wrong are returned, to be retried alone. A single row whose answer is
 * invalid is asked once more with the validation error, then recorded as a failure with the raw
 * answer kept.
 */
export function settleStructured(state: PassState, { rows, rowIds, prompt, schema, outcome }: StructuredSent): PendingRow[][] | Promise<PendingRow[][]> {
  const single = rows.length === 1;
  noteCallOutcome(state, outcome);
  if (outcome.kind === 'stopped') return [];
  if (outcome.kind === 'failed') {
    // A batch may fail for its size alone (a context limit, say): its rows get their own calls.
    if (!single) return alone(rows);
    for (const id of rowIds) recordFailure(state, { id, error: outcome.error.message, errorClass: outcome.error.errorClass });
    return [];
  }
  const { result } = outcome;

  // An answer cut off at the output limit is never taken, even when what arrived parses: a batch's
  // rows are asked alone (shorter answers); one row fails, since asking again would cut it off again.
  if (result.truncated) {
    const limit = state.maxOutputTokens === undefined ? "the model's output limit" : `maxOutputTokens (${state.maxOutputTokens})`;
    recordAttempt(state, { rowIds, outcome, problem: `cut off at ${limit}`, problemClass: 'truncated' });
    if (!single) return alone(rows);
    recordFailure(state, { id: rowIds[0]!, error: `the answer was cut off at ${limit}: raise maxOutputTokens (--max-output-tokens; in a task file, worker_max_tokens)`, errorClass: 'truncated', rawOutput: result.text });
    return [];
  }

  if (!single) {
    const { answered, retry, problem } = splitBatchAnswer(state, rows, result.text);
    recordAttempt(state, { rowIds, outcome, problem });
    for (const [id, output] of answered) recordDone(state, id, output);
    return alone(retry);
  }

  const id = rowIds[0]!;
  const first = checkSingleAnswer(state, result.text);
  recordAttempt(state, { rowIds, outcome, problem: first.problem });
  if (first.output !== undefined) {
    recordDone(state, id, first.output);
    return [];
  }
  return askCorrection(state, { rowIds, prompt, schema, answer: outcome, problem: first.problem! });
}

/** Asks a single row once more with its answer's validation problem, and records how that ends. */
async function askCorrection(
  state: PassState,
  { rowIds, prompt, schema, answer, problem }: Pick<StructuredSent, 'rowIds' | 'prompt' | 'schema'> & { answer: Extract<CallOutcome, { kind: 'answer' }>; problem: string },
): Promise<PendingRow[][]> {
  const id = rowIds[0]!;
  const { result, attempt } = answer;
  const correction = await callPassModel(state, { rowIds, prompt: renderCorrection(prompt, result.text, problem), schema, firstAttempt: attempt + 1 });
  if (correction.kind === 'stopped') return [];
  if (correction.kind === 'failed') {
    recordFailure(state, { id, error: correction.error.message, errorClass: correction.error.errorClass, rawOutput: result.text });
    return [];
  }
  const second = checkSingleAnswer(state, correction.result.text);
  recordAttempt(state, { rowIds, outcome: correction, problem: second.problem });
  if (second.output !== undefined) recordDone(state, id, second.output);
  else recordFailure(state, { id, error: `invalid answer: ${second.problem}`, errorClass: 'invalid-output', rawOutput: correction.result.text });
  return [];
}

/** Rows to retry, each as a dispatch of its own. */
function alone(rows: PendingRow[]): PendingRow[][] {
  return rows.length === 0 ? [] : rows.map((row) => [row]);
}
