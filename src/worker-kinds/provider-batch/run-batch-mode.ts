import { createHash } from 'node:crypto';
import { batchDiscount } from '../../batch/batch-discount.ts';
import { runProviderBatch } from '../../batch/run-provider-batch.ts';
import { estimatePromptTokens } from '../../call/estimate-tokens.ts';
import type { ProviderBatchRequest } from '../../batch/provider-batch-request.ts';
import type { ResolvedModel } from '../../model/resolved-model.ts';
import type { Store } from '../../store/store.ts';
import type { BudgetTicket } from '../../budget/budget-guard.ts';
import type { StructuredSent } from '../structured/structured-sent.ts';
import { settleStructured } from '../structured/settle-structured.ts';
import type { PassState } from '../../pass/pass-state.ts';
import { recordFailure } from '../../recorder/record-failure.ts';
import type { PassStop } from '../../pass/pass-result.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import { promptRowsOf } from '../../pass/prompt-rows.ts';
import { renderPrompt } from '../../pass/render-prompt.ts';

/**
 * Sends the first call of every dispatch through the provider's batch API, and handles each
 * answer exactly as an online one (validated per row, committed before the next). Returns the
 * rows that still need an online call: rows a batch answer left out or got wrong, and items the
 * batch could not answer for a reason worth retrying. A re-run finds the batches already
 * submitted (by dispatch id) and polls them instead of paying again.
 */
export async function runBatchMode(
  state: PassState,
  { store, model, dispatches, pollIntervalMs }: { store: Store; model: ResolvedModel; dispatches: Iterable<PendingRow[]>; pollIntervalMs: number },
): Promise<PendingRow[][]> {
  const byId = new Map<string, Omit<StructuredSent, 'outcome'>>();
  const requests: ProviderBatchRequest[] = [];
  const online: PendingRow[][] = [];
  const tickets = new Map<string, BudgetTicket>();
  // A cap reached while planning stops the pass only after the batches it could afford are in:
  // stopping at once would abort them right after paying for them.
  let budgetStop: { message: string; cap: PassStop['cap'] } | undefined;
  for (const planned of dispatches) {
    const { sent: rows, promptRows } = await promptRowsOf(state, planned, (row, problem) => recordFailure(state, { id: row.id, error: problem, errorClass: 'input' }));
    if (rows.length === 0) continue;
    const prompt = renderPrompt(state.frame, promptRows);
    const schema = rows.length === 1 ? state.schema.row : state.schema.batch;
    const inputTokens = estimatePromptTokens(prompt);
    const outputTokens = state.maxOutputTokens ?? state.outputEstimate.forCall(rows.length);
    const ticket = await state.budget.reserve({ cost: (state.costOf(inputTokens, outputTokens) ?? 0) * (1 - batchDiscount), tokens: inputTokens + outputTokens });
    if (!('release' in ticket)) {
      budgetStop = { message: `${ticket.message}; the rest is left pending`, cap: ticket.cap };
      break;
    }
    // The same rows make the same id on every run, which is how a re-run finds its batch.
    const id = `d${createHash('sha256').update(rows.map((row) => row.id).join('\0')).digest('hex').slice(0, 24)}`;
    byId.set(id, { rows, rowIds: rows.map((row) => row.id), prompt, schema });
    tickets.set(id, ticket);
    requests.push({ id, prompt, schema, maxOutputTokens: state.maxOutputTokens });
  }
  const stopForBudget = () => {
    if (budgetStop !== undefined) state.stop({ reason: 'budget', ...budgetStop });
  };
  if (requests.length === 0) {
    stopForBudget();
    return online;
  }
  // Items waiting in a provider batch count as in flight, so progress shows the batch at work.
  if (state.events.active) {
    for (const request of requests) state.events.emit({ type: 'dispatch-start', passId: state.passId, rowIds: byId.get(request.id)!.rows.map((row) => row.id), attempt: 1 });
  }
  try {
    await runProviderBatch({
      store,
      passId: state.passId,
      model,
      requests,
      pollIntervalMs,
      abortSignal: state.signal,
      async onResult(id, outcome) {
        const dispatch = byId.get(id)!;
        const { rows } = dispatch;
        tickets.get(id)!.release('error' in outcome ? { cost: 0, tokens: 0 } : { cost: outcome.cost ?? 0, tokens: outcome.usage.inputTokens + outcome.usage.outputTokens });
        if ('error' in outcome) {
          state.events.emit({
            type: 'dispatch-end',
            passId: state.passId,
            rowIds: rows.map((row) => row.id),
            attempt: 1,
            status: 'error',
            usage: { inputTokens: 0, outputTokens: 0 },
            cost: undefined,
            latencyMs: 0,
            errorClass: 'batch-item',
          });
          // Worth another try: each row goes online on its own. Otherwise the rows fail here.
          if (outcome.error.isRetryable) for (const row of rows) online.push([row]);
          else for (const row of rows) recordFailure(state, { id: row.id, error: outcome.error.message, errorClass: 'batch-item' });
        } else {
          // Settled exactly as an online answer to the same call.
          const retry = await settleStructured(state, {
            ...dispatch,
            outcome: {
              kind: 'answer',
              result: { text: outcome.text, usage: outcome.usage, latencyMs: 0, headers: undefined, truncated: outcome.truncated },
              attempt: 1,
              startedAt: Date.now(),
              cacheKey: undefined,
              cached: false,
              cost: outcome.cost,
            },
          });
          online.push(...retry);
        }
        state.writer.flush();
      },
    });
  } catch (error) {
    // Stopped (Ctrl-C, a provider refusal): the unharvested rows stay pending, and a re-run polls their batches.
    if (!state.signal.aborted) throw error;
  }
  stopForBudget();
  return online;
}
