import type { Store } from './store.ts';

/** How `spendReport` groups calls. */
export type SpendGrouping = 'day' | 'model' | 'pass';

/** What the calls of one group (a UTC day, a model, a pass) used and cost. */
export interface SpendLine {
  /** The day (`2025-01-31`), the model spec, or the pass id. */
  key: string;
  /** With `by: 'pass'`: the pass's table and model. */
  tableId?: string;
  model?: string;
  /** With `by: 'pass'`: its table was dropped (its spending is kept). */
  dropped?: boolean;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Undefined when none of the group's calls had a price. */
  cost: number | undefined;
}

const keyOf: Record<SpendGrouping, { attempts: string; dropped: string }> = {
  day: {
    attempts: `strftime('%Y-%m-%d', a.started_at / 1000, 'unixepoch')`,
    dropped: `strftime('%Y-%m-%d', d.day_start / 1000, 'unixepoch')`,
  },
  model: { attempts: 'p.model', dropped: 'd.model' },
  pass: { attempts: 'a.pass_id', dropped: 'd.pass_id' },
};

/**
 * Every provider call the store has recorded, grouped by UTC day, model or pass (days newest
 * first, the others by cost); calls of dropped tables are included.
 */
export function spendReport(store: Store, { by = 'day' }: { by?: SpendGrouping } = {}): SpendLine[] {
  const key = keyOf[by];
  const lines = store
    .statement(
      `SELECT key, max(table_id) AS table_id, max(model) AS model, max(dropped) AS dropped, sum(calls) AS calls,
              sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(cost) AS cost
         FROM (SELECT ${key.attempts} AS key, p.table_id, p.model, 0 AS dropped, count(*) AS calls,
                      coalesce(sum(a.input_tokens), 0) AS input_tokens, coalesce(sum(a.output_tokens), 0) AS output_tokens, sum(a.cost) AS cost
                 FROM attempts a JOIN passes p ON p.id = a.pass_id GROUP BY 1, 2, 3
               UNION ALL
               SELECT ${key.dropped}, d.table_id, d.model, 1, sum(d.calls), sum(d.input_tokens), sum(d.output_tokens), sum(d.cost)
                 FROM dropped_spend d GROUP BY 1, 2, 3)
        GROUP BY key
        ORDER BY ${by === 'day' ? 'key DESC' : 'coalesce(sum(cost), 0) DESC, sum(calls) DESC, key'}`,
    )
    .all() as { key: string; table_id: string; model: string; dropped: number; calls: number; input_tokens: number; output_tokens: number; cost: number | null }[];
  return lines.map((line) => ({
    key: line.key,
    ...(by === 'pass' ? { tableId: line.table_id, model: line.model, ...(line.dropped === 1 ? { dropped: true } : {}) } : {}),
    calls: line.calls,
    inputTokens: line.input_tokens,
    outputTokens: line.output_tokens,
    cost: line.cost ?? undefined,
  }));
}
