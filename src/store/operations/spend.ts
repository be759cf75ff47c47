import type { SqliteConnection } from '../sqlite-connection.ts';

/** How `report` groups calls. */
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

/** What calls spent, kept even when their table is dropped. */
export interface SpendOperations {
  /** What a pass's calls spent over all its runs (cost 0 when none had a price). */
  ofPass(passId: string): { cost: number; tokens: number; calls: number };
  /** What every call started at or after `dayStart` (a UTC midnight) cost, dropped tables' included. */
  costSince(dayStart: number): number;
  /**
   * Every provider call the store has recorded, grouped by UTC day, model or pass (days newest
   * first, the others by cost); calls of dropped tables are included.
   */
  report(options?: { by?: SpendGrouping }): SpendLine[];
}

const keyOf: Record<SpendGrouping, { attempts: string; dropped: string }> = {
  day: {
    attempts: `strftime('%Y-%m-%d', a.started_at / 1000, 'unixepoch')`,
    dropped: `strftime('%Y-%m-%d', d.day_start / 1000, 'unixepoch')`,
  },
  model: { attempts: 'p.model', dropped: 'd.model' },
  pass: { attempts: 'a.pass_id', dropped: 'd.pass_id' },
};

/** The spend operations of a store. */
export function spendOperations({ statement }: SqliteConnection): SpendOperations {
  return {
    ofPass(passId) {
      return statement(
        `SELECT coalesce(sum(cost), 0) AS cost, coalesce(sum(input_tokens + output_tokens), 0) AS tokens, count(*) AS calls FROM attempts WHERE pass_id = ?`,
      ).get(passId) as { cost: number; tokens: number; calls: number };
    },
    costSince(dayStart) {
      const spent = statement(
        `SELECT (SELECT coalesce(sum(cost), 0) FROM attempts WHERE started_at >= ?1)
              + (SELECT coalesce(sum(cost), 0) FROM dropped_spend WHERE day_start >= ?1) AS cost`,
      ).get(dayStart) as { cost: number };
      return spent.cost;
    },
    report({ by = 'day' } = {}) {
      const key = keyOf[by];
      const lines = statement(
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
      ).all() as { key: string; table_id: string; model: string; dropped: number; calls: number; input_tokens: number; output_tokens: number; cost: number | null }[];
      return lines.map((line) => ({
        key: line.key,
        ...(by === 'pass' ? { tableId: line.table_id, model: line.model, ...(line.dropped === 1 ? { dropped: true } : {}) } : {}),
        calls: line.calls,
        inputTokens: line.input_tokens,
        outputTokens: line.output_tokens,
        cost: line.cost ?? undefined,
      }));
    },
  };
}
