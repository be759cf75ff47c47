import { parseUntrustedJson } from '../../json/parse-untrusted-json.ts';
import type { PassState } from '../../pass/pass-state.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import { checkRowAnswer } from './check-row-answer.ts';

/** A batched answer split into the rows it answered validly and the rows to retry alone. */
export function splitBatchAnswer(state: PassState, rows: PendingRow[], text: string) {
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
