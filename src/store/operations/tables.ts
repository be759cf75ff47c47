import type { SqliteConnection } from '../sqlite-connection.ts';

/** A ready table as the store keeps it. */
export interface StoredTable {
  id: string;
  /** How the table was made (`{ kind, root, ... }`), as given to `begin`. */
  source: unknown;
  rowCount: number;
  createdAt: number;
}

/** A column of a table, and what writes it: `source` or the id of a pass. */
export interface StoredColumn {
  name: string;
  writtenBy: string;
}

/** A ready table in the store's listing. */
export interface ListedTable {
  id: string;
  rowCount: number;
  columns: string[];
  createdAt: number;
  passes: number;
}

/** What dropping a table removed. */
export interface DroppedTable {
  tableId: string;
  rows: number;
  passes: number;
  results: number;
  attempts: number;
}

/** Tables and their columns. */
export interface TableOperations {
  /** The ready table with this id, or undefined. */
  find(tableId: string): StoredTable | undefined;
  /** Whether a table, ready or still being created, has this id. */
  exists(tableId: string): boolean;
  /** The ids of the most recently created ready tables, newest first. */
  recentIds(limit: number): string[];
  /** The id of the ready table built from the source with this key (see `sourceKey`), if there is one. */
  findBySource(sourceKey: string): string | undefined;
  /** Every ready table, newest first. */
  list(): ListedTable[];
  /** A table's columns in order. */
  columns(tableId: string): StoredColumn[];
  /** Removes what an unfinished creation from the source with this key left (a crash mid-create). */
  discardUnfinished(sourceKey: string): void;
  /** Starts a table under the `creating` status, which readers never see, with no rows yet. */
  begin(table: { id: string; source: unknown; sourceKey: string | undefined; createdAt: number }): void;
  /** Adds rows (`data` as JSON text) in one transaction; returns how many went in and the ids already present. */
  addRows(tableId: string, rows: readonly { id: string; data: string }[]): { added: number; duplicates: string[] };
  /** Makes a table ready, with its source columns in order and its row count. */
  finish(tableId: string, { columns, rowCount }: { columns: readonly string[]; rowCount: number }): void;
  /** Deletes a table, ready or not, with its rows, columns and passes. */
  remove(tableId: string): void;
  /**
   * Deletes a table with everything that belongs to it alone: its rows and columns, its passes with
   * their results, attempts, provider batches and events, and the plan runs whose tasks are its rows. The response cache is shared by every
   * table and kept. What its calls spent is kept per day, model and pass, so the daily cap and
   * `swarm spend` still count it. Returns undefined when there is no such table.
   */
  drop(tableId: string): DroppedTable | undefined;
  /** Makes `passId` the writer of `fields`, adding those the table lacks after its last column. */
  claimColumns(tableId: string, fields: readonly string[], passId: string): void;
}

/** The table operations of a store. */
export function tableOperations(connection: SqliteConnection): TableOperations {
  const { statement } = connection;
  return {
    find(tableId) {
      const table = statement(`SELECT id, source, row_count, created_at FROM tables WHERE id = ? AND status = 'ready'`).get(tableId) as
        | { id: string; source: string; row_count: number; created_at: number }
        | undefined;
      return table === undefined ? undefined : { id: table.id, source: JSON.parse(table.source), rowCount: table.row_count, createdAt: table.created_at };
    },
    exists(tableId) {
      return statement('SELECT 1 FROM tables WHERE id = ?').get(tableId) !== undefined;
    },
    recentIds(limit) {
      return (statement(`SELECT id FROM tables WHERE status = 'ready' ORDER BY created_at DESC LIMIT ?`).all(limit) as { id: string }[]).map((row) => row.id);
    },
    findBySource(sourceKey) {
      const table = statement(`SELECT id FROM tables WHERE source_key = ? AND status = 'ready'`).get(sourceKey) as { id: string } | undefined;
      return table?.id;
    },
    list() {
      const tables = statement(
        `SELECT t.id, t.row_count, t.created_at,
                (SELECT json_group_array(name) FROM (SELECT name FROM columns WHERE table_id = t.id ORDER BY position)) AS columns,
                (SELECT count(*) FROM passes WHERE table_id = t.id) AS passes
           FROM tables t WHERE t.status = 'ready' ORDER BY t.created_at DESC, t.id`,
      ).all() as { id: string; row_count: number; created_at: number; columns: string; passes: number }[];
      return tables.map((table) => ({
        id: table.id,
        rowCount: table.row_count,
        columns: JSON.parse(table.columns) as string[],
        createdAt: table.created_at,
        passes: table.passes,
      }));
    },
    columns(tableId) {
      const columns = statement('SELECT name, written_by FROM columns WHERE table_id = ? ORDER BY position').all(tableId) as { name: string; written_by: string }[];
      return columns.map((column) => ({ name: column.name, writtenBy: column.written_by }));
    },
    discardUnfinished(sourceKey) {
      statement(`DELETE FROM tables WHERE source_key = ? AND status = 'creating'`).run(sourceKey);
    },
    begin({ id, source, sourceKey, createdAt }) {
      statement(`INSERT INTO tables (id, source, source_key, status, row_count, created_at) VALUES (?, ?, ?, 'creating', 0, ?)`).run(
        id,
        JSON.stringify(source),
        sourceKey ?? null,
        createdAt,
      );
    },
    addRows(tableId, rows) {
      const insertRow = statement('INSERT OR IGNORE INTO rows (table_id, id, data) VALUES (?, ?, ?)');
      const duplicates: string[] = [];
      let added = 0;
      connection.transaction(() => {
        for (const row of rows) {
          if (insertRow.run(tableId, row.id, row.data).changes === 0) duplicates.push(row.id);
          else added++;
        }
      });
      return { added, duplicates };
    },
    finish(tableId, { columns, rowCount }) {
      connection.transaction(() => {
        const insertColumn = statement(`INSERT INTO columns (table_id, name, position, written_by) VALUES (?, ?, ?, 'source')`);
        columns.forEach((name, position) => insertColumn.run(tableId, name, position));
        statement(`UPDATE tables SET status = 'ready', row_count = ? WHERE id = ?`).run(rowCount, tableId);
      });
    },
    remove(tableId) {
      statement('DELETE FROM tables WHERE id = ?').run(tableId);
    },
    drop(tableId) {
      return connection.transaction(() => {
        const table = statement('SELECT row_count FROM tables WHERE id = ?').get(tableId) as { row_count: number } | undefined;
        if (table === undefined) return undefined;
        const counts = statement(
          `SELECT count(*) AS passes,
                  coalesce(sum((SELECT count(*) FROM results r WHERE r.pass_id = p.id)), 0) AS results,
                  coalesce(sum((SELECT count(*) FROM attempts a WHERE a.pass_id = p.id)), 0) AS attempts
             FROM passes p WHERE p.table_id = ?`,
        ).get(tableId) as { passes: number; results: number; attempts: number };
        statement(
          `INSERT INTO dropped_spend (day_start, table_id, pass_id, model, calls, input_tokens, output_tokens, cost)
           SELECT a.started_at - a.started_at % 86400000, p.table_id, p.id, p.model, count(*),
                  coalesce(sum(a.input_tokens), 0), coalesce(sum(a.output_tokens), 0), sum(a.cost)
             FROM attempts a JOIN passes p ON p.id = a.pass_id WHERE p.table_id = ? GROUP BY 1, 3`,
        ).run(tableId);
        statement('DELETE FROM events WHERE pass_id IN (SELECT id FROM passes WHERE table_id = ?)').run(tableId);
        statement('DELETE FROM events WHERE plan_run_id IN (SELECT id FROM plan_runs WHERE table_id = ?)').run(tableId);
        // Columns, rows, passes and plan runs go with the table, and results, attempts, batches and task states with them (ON DELETE CASCADE).
        statement('DELETE FROM tables WHERE id = ?').run(tableId);
        return { tableId, rows: table.row_count, ...counts };
      });
    },
    claimColumns(tableId, fields, passId) {
      const next = statement('SELECT coalesce(max(position), -1) + 1 AS position FROM columns WHERE table_id = ?');
      const upsert = statement(
        `INSERT INTO columns (table_id, name, position, written_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (table_id, name) DO UPDATE SET written_by = excluded.written_by`,
      );
      for (const field of fields) {
        const { position } = next.get(tableId) as { position: number };
        upsert.run(tableId, field, position, passId);
      }
    },
  };
}
