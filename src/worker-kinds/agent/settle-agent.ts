import type { ModelMessage } from 'ai';
import { outcomeOfError } from '../../pass/call-pass-model.ts';
import type { PassState } from '../../pass/pass-state.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import { noteCallOutcome } from '../../pass/repeated-refusal.ts';
import { recordDone } from '../../recorder/record-done.ts';
import { recordFailure } from '../../recorder/record-failure.ts';
import { checkSingleAnswer } from '../structured/check-row-answer.ts';
import { splitBatchAnswer } from '../structured/split-batch-answer.ts';
import type { AgentRun } from './agent-run.ts';
import type { AgentSent } from './agent-sent.ts';
import { agentGenerate } from './send-agent.ts';

/**
 * Settles an agent loop's final answer exactly as a model pass settles an answer: each row
 * validated against the schema (repaired when it can be), a batch's missing or invalid rows handed
 * back to be done alone, a single row's invalid answer asked once more with the error. A loop that
 * ended at `maxSteps` still calling tools is asked once more, with tools off, for its answer.
 * The loop is marked settled once its rows are recorded; a stopped pass leaves it to be resumed.
 */
export async function settleAgent(state: PassState, run: AgentRun, sent: AgentSent): Promise<PendingRow[][]> {
  const { rows, rowIds, loop, outcome } = sent;
  const single = rows.length === 1;
  if (outcome.kind !== 'answer') noteCallOutcome(state, outcome);
  if (outcome.kind === 'stopped') return [];
  if (outcome.kind === 'failed') {
    if (single) recordFailure(state, { id: rowIds[0]!, error: outcome.error.message, errorClass: outcome.error.errorClass });
    return settled(state, loop.settle, single ? [] : alone(rows));
  }

  let { text } = outcome;
  let problem: string | undefined;
  if (text !== undefined && !outcome.truncated) {
    const answered = judge(state, rows, text);
    if (answered.retry.length === 0 || !single) return settled(state, loop.settle, alone(answered.retry));
    problem = answered.problem;
  }
  // One more answer, tools off: the loop ran out of steps, or its answer was cut off or invalid.
  const ask =
    text === undefined
      ? `You have used all ${run.type.maxSteps} steps. Call no more tools: answer now with only the JSON the first message asks for, from what you have found.`
      : outcome.truncated
        ? 'Your answer was cut off. Reply again with only the JSON the first message asks for, shorter.'
        : `That answer was rejected: ${problem}. Reply again with only the corrected JSON, matching the schema exactly.`;
  const messages: ModelMessage[] = [...outcome.messages, { role: 'user', content: ask }];
  let last: string;
  try {
    const result = await agentGenerate(state, run, loop, rowIds, messages, { maxSteps: 1, toolsOff: true });
    last = result.text;
  } catch (error) {
    const failed = outcomeOfError(state, state, error);
    noteCallOutcome(state, failed);
    if (failed.kind === 'stopped') return [];
    if (single) recordFailure(state, { id: rowIds[0]!, error: failed.error.message, errorClass: failed.error.errorClass, ...(text === undefined ? {} : { rawOutput: text }) });
    return settled(state, loop.settle, single ? [] : alone(rows));
  }
  text = last;
  const answered = judge(state, rows, text);
  if (single && answered.retry.length > 0) {
    recordFailure(state, { id: rowIds[0]!, error: `invalid answer: ${answered.problem}`, errorClass: 'invalid-output', rawOutput: text });
    return settled(state, loop.settle, []);
  }
  return settled(state, loop.settle, alone(answered.retry));
}

/** Records the rows a final answer answers validly; returns those it does not, with why. */
function judge(state: PassState, rows: PendingRow[], text: string): { retry: PendingRow[]; problem: string | undefined } {
  if (rows.length === 1) {
    const checked = checkSingleAnswer(state, text);
    if (checked.output === undefined) return { retry: rows, problem: checked.problem };
    recordDone(state, rows[0]!.id, checked.output);
    return { retry: [], problem: undefined };
  }
  const { answered, retry, problem } = splitBatchAnswer(state, rows, text);
  for (const [id, output] of answered) recordDone(state, id, output);
  return { retry, problem };
}

/** Commits the loop's rows, then marks the loop settled: a crash between the two leaves it to resume, never a row unrecorded. */
function settled(state: PassState, settle: () => void, retry: PendingRow[][]): PendingRow[][] {
  state.writer.flush();
  settle();
  return retry;
}

function alone(rows: PendingRow[]): PendingRow[][] {
  return rows.map((row) => [row]);
}
