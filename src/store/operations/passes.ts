import { NotFoundError } from '../../errors/not-found-error.ts';
import type { SqliteConnection } from '../sqlite-connection.ts';
import { passReportOf, passReportColumns, type PassReport, type PassReportRow } from './pass-report.ts';

/** Passes: their runs and reports (their leases are `LeaseOperations`). */
export interface PassOperations {
  /** Records a pass (or a new run of it) as running, clearing the stop reason of an earlier run. */
  start(pass: { id: string; tableId: string; instruction: string; context: string | undefined; responseSchema: unknown; model: string; at: number }): void;
  /** Records how a run of the pass ended. */
  end(passId: string, { status, stopReason, at }: { status: 'finished' | 'stopped'; stopReason: string | undefined; at: number }): void;
  /** Adds calls (and the rows they answered) that the response cache answered. */
  addCached(passId: string, { calls, rows }: { calls: number; rows: number }): void;
  /** The ids of a table's passes, oldest first. */
  idsOf(tableId: string): string[];
  /** The most recently run pass of a table, or undefined when it has none. */
  latestOf(tableId: string): string | undefined;
  /** The passes of a table, oldest first. */
  list(tableId: string): PassReport[];
  /** One pass; an unknown id is a NotFoundError naming the most recent passes. */
  report(passId: string): PassReport;
  /** The id (in its outcomes stream) of the last outcome of a distributed run committed for the pass, if any. */
  outcomesCommitted(passId: string): string | undefined;
  /** Records that the pass's outcomes through `entryId` are committed (in the transaction committing them). */
  saveOutcomesCommitted(passId: string, entryId: string): void;
}

/** The pass operations of a store. */
export function passOperations(connection: SqliteConnection): PassOperations {
  const { statement } = connection;
  return {
    start({ id, tableId, instruction, context, responseSchema, model, at }) {
      statement(
        `INSERT INTO passes (id, table_id, instruction, context, response_schema, model, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = 'running', stop_reason = NULL, updated_at = excluded.updated_at`,
      ).run(id, tableId, instruction, context ?? null, JSON.stringify(responseSchema), model, at, at);
    },
    outcomesCommitted(passId) {
      const row = statement('SELECT outcomes_committed FROM passes WHERE id = ?').get(passId) as { outcomes_committed: string | null } | undefined;
      return row?.outcomes_committed ?? undefined;
    },
    saveOutcomesCommitted(passId, entryId) {
      statement('UPDATE passes SET outcomes_committed = ? WHERE id = ?').run(entryId, passId);
    },
    end(passId, { status, stopReason, at }) {
      statement('UPDATE passes SET status = ?, stop_reason = ?, updated_at = ? WHERE id = ?').run(status, stopReason ?? null, at, passId);
    },
    addCached(passId, { calls, rows }) {
      statement('UPDATE passes SET cached_calls = cached_calls + ?, cached_rows = cached_rows + ? WHERE id = ?').run(calls, rows, passId);
    },
    idsOf(tableId) {
      return (statement('SELECT id FROM passes WHERE table_id = ? ORDER BY created_at, id').all(tableId) as { id: string }[]).map((row) => row.id);
    },
    latestOf(tableId) {
      const latest = statement('SELECT id FROM passes WHERE table_id = ? ORDER BY updated_at DESC, id LIMIT 1').get(tableId) as { id: string } | undefined;
      return latest?.id;
    },
    list(tableId) {
      const passes = statement(`SELECT ${passReportColumns} WHERE p.table_id = ? ORDER BY p.created_at, p.id`).all(tableId) as unknown as PassReportRow[];
      return passes.map((pass) => passReportOf(connection, pass));
    },
    report(passId) {
      const pass = statement(`SELECT ${passReportColumns} WHERE p.id = ?`).get(passId) as PassReportRow | undefined;
      if (pass === undefined) {
        const recent = (statement('SELECT id FROM passes ORDER BY updated_at DESC LIMIT 5').all() as { id: string }[]).map((row) => row.id);
        throw new NotFoundError('pass', passId, recent.length > 0 ? `Recent passes: ${recent.join(', ')} (see \`swarm passes TABLE\`)` : 'The store has no passes yet');
      }
      return passReportOf(connection, pass);
    },
  };
}
