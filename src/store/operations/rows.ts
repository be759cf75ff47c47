import { jsonPath, type CompiledFilter } from '../compile-filter.ts';
import type { SqliteConnection } from '../sqlite-connection.ts';

/** A row of a table with its place in table order. */
export interface StoredRow {
  /** Table order: rows come back sorted by it, and a page starts after the last one's. */
  seq: number;
  id: string;
  data: Record<string, unknown>;
}

/** The rows of tables, selected by compiled filters. */
export interface RowOperations {
  /**
   * Up to `limit` rows matching `filter` after `after` (a `seq`; -1 for the start), in table order;
   * with `answeredBy`, only rows that pass has answered.
   */
  page(query: { tableId: string; filter: CompiledFilter; answeredBy?: string; after: number; limit: number }): StoredRow[];
  /** Like `page`, leaving out the rows `passId` has answered: what a run of the pass has left to do. */
  unansweredPage(query: { tableId: string; passId: string; filter: CompiledFilter; after: number; limit: number }): StoredRow[];
  /** How many rows match `filter`. */
  count(query: { tableId: string; filter: CompiledFilter }): number;
  /** How many rows matching `filter` `passId` has answered. */
  countAnswered(query: { tableId: string; passId: string; filter: CompiledFilter }): number;
  /** The `seq` of the matching row `offset` rows into table order (0: the first), if there is one. */
  seqAt(query: { tableId: string; filter: CompiledFilter; offset: number }): number | undefined;
  /** Whether a row matching `filter` holds a value other than null in `column`. */
  someHolds(query: { tableId: string; filter: CompiledFilter; column: string }): boolean;
  /** One row's data, or undefined when the table has no such row. */
  data(tableId: string, rowId: string): Record<string, unknown> | undefined;
  /** Sets fields of one row's data to these values (replacing them whole), in one transaction. */
  setValues(tableId: string, rowId: string, values: Readonly<Record<string, unknown>>): void;
}

/** The row operations of a store. */
export function rowOperations({ statement, transaction }: SqliteConnection): RowOperations {
  return {
    page({ tableId, filter, answeredBy, after, limit }) {
      const answered = answeredBy === undefined ? '' : ` AND EXISTS (SELECT 1 FROM results WHERE pass_id = ? AND row_id = rows.id AND status = 'done')`;
      const rows = statement(`SELECT seq, id, data FROM rows WHERE table_id = ? AND seq > ? AND (${filter.sql})${answered} ORDER BY seq LIMIT ?`).all(
        tableId,
        after,
        ...filter.params,
        ...(answeredBy === undefined ? [] : [answeredBy]),
        limit,
      ) as { seq: number; id: string; data: string }[];
      return rows.map(storedRow);
    },
    unansweredPage({ tableId, passId, filter, after, limit }) {
      const rows = statement(
        `SELECT seq, id, data FROM rows
          WHERE table_id = ? AND seq > ? AND (${filter.sql})
            AND NOT EXISTS (SELECT 1 FROM results WHERE pass_id = ? AND row_id = rows.id AND status = 'done')
          ORDER BY seq LIMIT ?`,
      ).all(tableId, after, ...filter.params, passId, limit) as { seq: number; id: string; data: string }[];
      return rows.map(storedRow);
    },
    count({ tableId, filter }) {
      return (statement(`SELECT count(*) AS n FROM rows WHERE table_id = ? AND (${filter.sql})`).get(tableId, ...filter.params) as { n: number }).n;
    },
    countAnswered({ tableId, passId, filter }) {
      const counted = statement(
        `SELECT count(*) AS n FROM rows WHERE table_id = ? AND (${filter.sql})
           AND EXISTS (SELECT 1 FROM results WHERE pass_id = ? AND row_id = rows.id AND status = 'done')`,
      ).get(tableId, ...filter.params, passId) as { n: number };
      return counted.n;
    },
    seqAt({ tableId, filter, offset }) {
      const row = statement(`SELECT seq FROM rows WHERE table_id = ? AND (${filter.sql}) ORDER BY seq LIMIT 1 OFFSET ?`).get(tableId, ...filter.params, offset) as
        | { seq: number }
        | undefined;
      return row?.seq;
    },
    someHolds({ tableId, filter, column }) {
      const held = statement(`SELECT 1 FROM rows WHERE table_id = ? AND (${filter.sql}) AND json_type(rows.data, ?) NOT IN ('null') LIMIT 1`);
      return held.get(tableId, ...filter.params, jsonPath(column)) !== undefined;
    },
    data(tableId, rowId) {
      const row = statement('SELECT data FROM rows WHERE table_id = ? AND id = ?').get(tableId, rowId) as { data: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.data) as Record<string, unknown>);
    },
    setValues(tableId, rowId, values) {
      // json_set, not json_patch: a value is set as it is (nulls and nested objects included), never merged.
      const set = statement('UPDATE rows SET data = json_set(data, ?, json(?)) WHERE table_id = ? AND id = ?');
      transaction(() => {
        for (const [name, value] of Object.entries(values)) set.run(jsonPath(name), JSON.stringify(value ?? null), tableId, rowId);
      });
    },
  };
}

function storedRow(row: { seq: number; id: string; data: string }): StoredRow {
  return { seq: row.seq, id: row.id, data: JSON.parse(row.data) as Record<string, unknown> };
}
