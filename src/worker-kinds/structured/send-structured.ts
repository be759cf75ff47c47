import { callPassModel } from '../../pass/call-pass-model.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import type { PassState } from '../../pass/pass-state.ts';
import { recordFailure } from '../../recorder/record-failure.ts';
import { promptRowsOf } from '../../pass/prompt-rows.ts';
import { renderPrompt } from '../../pass/render-prompt.ts';
import type { StructuredSent } from './structured-sent.ts';

/** Sends one structured call for a dispatch's rows; undefined when none of them could be read. */
export async function sendStructured(state: PassState, rows: PendingRow[]): Promise<StructuredSent | undefined> {
  const { sent, promptRows } = await promptRowsOf(state, rows, (row, problem) => recordFailure(state, { id: row.id, error: problem, errorClass: 'input' }));
  if (sent.length === 0) return undefined;
  const prompt = renderPrompt(state.frame, promptRows);
  const schema = sent.length === 1 ? state.schema.row : state.schema.batch;
  const rowIds = sent.map((row) => row.id);
  const outcome = await callPassModel(state, { rowIds, prompt, schema });
  return { rows: sent, rowIds, prompt, schema, outcome };
}
