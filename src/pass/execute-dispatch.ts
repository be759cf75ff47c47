import { parseUntrustedJson } from '../json/parse-untrusted-json.ts';
import { dropNullOptionals } from '../provider-schema/drop-null-optionals.ts';
import { callPassModel, type CallOutcome } from './call-pass-model.ts';
import type { PendingRow } from './plan-dispatches.ts';
import { recordDone, recordFailure, type PassState } from './pass-state.ts';
import { promptRowsOf } from './prompt-rows.ts';
import { renderCorrection, renderPrompt } from './render-prompt.ts';
import { describeValidationErrors } from './response-schema.ts';
import { recordAnsweredCall as recordAttempt } from './record-answered-call.ts';
import { noteCallOutcome } from './repeated-refusal.ts';

/**
 * Runs one dispatch: one call for one or more rows. Every row of the answer is validated on its
 * own; rows a batched answer left out or got wrong are returned, to be retried alone. A single
 * row whose answer is invalid is asked once more with the validation error, then recorded as a
 * failure with the raw answer kept.
 */
export async function executeDispatch(state: PassState, rows: PendingRow[], answer?: CallOutcome): Promise<PendingRow[]> {
  const { sent, promptRows } = await promptRowsOf(state, rows, (row, problem) => recordFailure(state, { id: row.id, error: problem, errorClass: 'input' }));
  if (sent.length === 0) return [];
  const rowIds = sent.map((row) => row.id);
  const prompt = renderPrompt(state.frame, promptRows);
  const single = sent.length === 1;
  const schema = single ? state.schema.row : state.schema.batch;

  // `answer`: the first call was already made elsewhere (a provider batch).
  const outcome = answer ?? (await callPassModel(state, { rowIds, prompt, schema }));
  noteCallOutcome(state, outcome);
  if (outcome.kind === 'stopped') return [];
  if (outcome.kind === 'failed') {
    // A batch may fail for its size alone (a context limit, say): its rows get their own calls.
    if (!single) return sent;
    for (const id of rowIds) recordFailure(state, { id, error: outcome.error.message, errorClass: outcome.error.errorClass });
    return [];
  }
  const { result, attempt } = outcome;

  // An answer cut off at the output limit is never taken, even when what arrived parses: a batch's
  // rows are asked alone (shorter answers); one row fails, since asking again would cut it off again.
  if (result.truncated) {
    const limit = state.maxOutputTokens === undefined ? "the model's output limit" : `maxOutputTokens (${state.maxOutputTokens})`;
    recordAttempt(state, { rowIds, outcome, problem: `cut off at ${limit}`, problemClass: 'truncated' });
    if (!single) return sent;
    recordFailure(state, { id: rowIds[0]!, error: `the answer was cut off at ${limit}: raise maxOutputTokens (--max-output-tokens; in a task file, worker_max_tokens)`, errorClass: 'truncated', rawOutput: result.text });
    return [];
  }

  if (!single) {
    const { answered, retry, problem } = splitBatchAnswer(state, sent, result.text);
    recordAttempt(state, { rowIds, outcome, problem });
    for (const [id, output] of answered) recordDone(state, id, output);
    return retry;
  }

  const id = rowIds[0]!;
  const first = checkSingleAnswer(state, result.text);
  recordAttempt(state, { rowIds, outcome, problem: first.problem });
  if (first.output !== undefined) {
    recordDone(state, id, first.output);
    return [];
  }
  const correction = await callPassModel(state, { rowIds, prompt: renderCorrection(prompt, result.text, first.problem!), schema, firstAttempt: attempt + 1 });
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

function checkSingleAnswer(state: PassState, text: string): { output?: Record<string, unknown>; problem?: string } {
  const parsed = parseUntrustedJson(text, { repair: true });
  if (!parsed.ok) return { problem: parsed.error };
  return checkRowAnswer(state, parsed.value);
}

function checkRowAnswer(state: PassState, value: unknown): { output?: Record<string, unknown>; problem?: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problem: 'the answer is not a JSON object' };
  const answer = value as Record<string, unknown>;
  const candidate: Record<string, unknown> = {};
  for (const key in answer) if (key !== 'id') candidate[key] = answer[key];
  // A strict-form schema asks for optional properties as nullable; their nulls mean "absent".
  dropNullOptionals(candidate, state.schema.row);
  if (!state.schema.validate(candidate)) return { problem: describeValidationErrors(state.schema.validate) };
  // Only the schema's properties become columns; anything else the model added is dropped.
  const output: Record<string, unknown> = {};
  for (const field of state.schema.fields) if (field in candidate) output[field] = candidate[field];
  return { output };
}

function splitBatchAnswer(state: PassState, rows: PendingRow[], text: string) {
  const answered = new Map<string, Record<string, unknown>>();
  const parsed = parseUntrustedJson(text, { repair: true });
  const results = parsed.ok ? (parsed.value as { results?: unknown } | null)?.results : undefined;
  if (!Array.isArray(results)) {
    return { answered, retry: rows, problem: parsed.ok ? 'the answer has no "results" array' : parsed.error };
  }
  const byId = new Map<string, unknown>();
  for (const item of results) {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id === 'string' || typeof id === 'number') byId.set(String(id), item);
  }
  const retry: PendingRow[] = [];
  for (const row of rows) {
    const checked = byId.has(row.id) ? checkRowAnswer(state, byId.get(row.id)) : { problem: 'missing' };
    if (checked.output !== undefined) answered.set(row.id, checked.output);
    else retry.push(row);
  }
  const problem = retry.length === 0 ? undefined : `${retry.length} of ${rows.length} rows missing or invalid in the batch answer`;
  return { answered, retry, problem };
}
