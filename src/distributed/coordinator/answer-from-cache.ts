import type { PassState } from '../../pass/pass-state.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import { promptRowsOf } from '../../pass/prompt-rows.ts';
import { renderPrompt } from '../../pass/render-prompt.ts';
import { settleStructured } from '../../worker-kinds/structured/settle-structured.ts';

/**
 * Answers a structured dispatch from the response cache here, as a local run would, when the cache
 * holds its whole call (workers answer nothing from it: it is this store's): its rows are settled
 * like any answer, and what it leaves (nothing, for answers that were valid when cached) comes back
 * to be sent to the workers. Undefined when the call is not cached, or a row's file cannot be read
 * here (a worker reads it from its own folder).
 */
export async function answerFromCache(state: PassState, rows: PendingRow[]): Promise<PendingRow[][] | undefined> {
  if (state.cache === undefined) return undefined;
  let unreadable = false;
  const { sent, promptRows } = await promptRowsOf(state, rows, () => (unreadable = true));
  if (unreadable || sent.length === 0) return undefined;
  const prompt = renderPrompt(state.frame, promptRows);
  const single = sent.length === 1;
  const cacheKey = (single ? state.fingerprints.single : state.fingerprints.batch)(prompt);
  const hit = state.cache.get(cacheKey);
  if (hit === undefined) return undefined;
  // A cached answer cost no call: it used nothing now.
  const result = { text: hit.text, usage: { inputTokens: 0, outputTokens: 0 }, latencyMs: 0, headers: undefined };
  const outcome = { kind: 'answer', result, attempt: 1, startedAt: Date.now(), cacheKey, cached: true } as const;
  return settleStructured(state, { rows: sent, rowIds: sent.map((row) => row.id), prompt, schema: single ? state.schema.row : state.schema.batch, outcome });
}
