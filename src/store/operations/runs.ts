import { hostname } from 'node:os';
import type { SqliteConnection } from '../sqlite-connection.ts';
import { isProcessAlive } from './process-alive.ts';

/** How a run stands: under way, or how it ended. */
export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled';

/** A run as the store keeps it. */
export interface StoredRun {
  id: string;
  /** What kind of work: `pass`, `parallel`, … */
  kind: string;
  /** What was asked, as validated when the run started. */
  request: unknown;
  status: RunStatus;
  /** What the run returned (a pass's result), once it ended. */
  result: unknown;
  /** Why it failed: `{ name, message }`. */
  error: { name: string; message: string } | undefined;
  createdAt: number;
  updatedAt: number;
}

/**
 * The runs of daemons and MCP servers over this store. A run is owned by the process running it;
 * one left `running` by a process that died (or stopped before it ended) is taken over by the next.
 */
export interface RunOperations {
  /** An owner name for a process: `host|pid|nonce`. */
  newOwner(): string;
  /** Records a new run, running in `owner`. */
  insert(run: { id: string; kind: string; request: unknown; owner: string; at: number }): void;
  /** Records how a run ended. */
  end(id: string, ending: { status: Exclude<RunStatus, 'running'>; result?: unknown; error?: { name: string; message: string }; at: number }): void;
  /** Replaces a running run's request (a plan made from a goal: a resumed run runs that plan, not a new one). */
  replaceRequest(id: string, request: unknown): void;
  /** Forgets a run that was refused before it did anything. */
  remove(id: string): void;
  get(id: string): StoredRun | undefined;
  /** Runs, newest first; `before` (a run id) starts after that run, for paging. */
  list(options: { limit: number; before?: string }): StoredRun[];
  /** The first ended run whose result names this pass (`result.passId`): what it was asked, to run the pass again. */
  firstOfPass(passId: string): StoredRun | undefined;
  /**
   * Takes over, for `owner`, every running run whose owner process on this machine is gone, and
   * returns them, oldest first. Runs of live processes (this one's other owners included) are left.
   */
  takeAbandoned(owner: string, at: number): StoredRun[];
}

interface RunRow {
  id: string;
  kind: string;
  request: string;
  status: RunStatus;
  result: string | null;
  error: string | null;
  owner: string | null;
  created_at: number;
  updated_at: number;
}

const thisHost = hostname();

/** The run operations of a store. */
export function runOperations({ statement, transaction }: SqliteConnection): RunOperations {
  return {
    newOwner() {
      return `${thisHost}|${process.pid}|${crypto.randomUUID().slice(0, 8)}`;
    },
    insert({ id, kind, request, owner, at }) {
      statement(`INSERT INTO runs (id, kind, request, status, owner, created_at, updated_at) VALUES (?, ?, ?, 'running', ?, ?, ?)`).run(id, kind, JSON.stringify(request), owner, at, at);
    },
    end(id, { status, result, error, at }) {
      statement('UPDATE runs SET status = ?, result = ?, error = ?, owner = NULL, updated_at = ? WHERE id = ?').run(
        status,
        result === undefined ? null : JSON.stringify(result),
        error === undefined ? null : JSON.stringify(error),
        at,
        id,
      );
    },
    replaceRequest(id, request) {
      statement(`UPDATE runs SET request = ? WHERE id = ? AND status = 'running'`).run(JSON.stringify(request), id);
    },
    remove(id) {
      statement('DELETE FROM runs WHERE id = ?').run(id);
    },
    get(id) {
      const row = statement('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
      return row === undefined ? undefined : runOf(row);
    },
    list({ limit, before }) {
      const rows = (
        before === undefined
          ? statement('SELECT * FROM runs ORDER BY created_at DESC, id DESC LIMIT ?').all(limit)
          : statement(
              `SELECT * FROM runs WHERE (created_at, id) < (SELECT created_at, id FROM runs WHERE id = ?) ORDER BY created_at DESC, id DESC LIMIT ?`,
            ).all(before, limit)
      ) as unknown as RunRow[];
      return rows.map(runOf);
    },
    firstOfPass(passId) {
      const row = statement(`SELECT * FROM runs WHERE kind = 'pass' AND json_extract(result, '$.passId') = ? ORDER BY created_at, id LIMIT 1`).get(passId) as RunRow | undefined;
      return row === undefined ? undefined : runOf(row);
    },
    takeAbandoned(owner, at) {
      return transaction(() => {
        const running = statement(`SELECT * FROM runs WHERE status = 'running' ORDER BY created_at, id`).all() as unknown as RunRow[];
        const abandoned = running.filter((row) => row.owner === null || isGone(row.owner));
        for (const row of abandoned) statement('UPDATE runs SET owner = ?, updated_at = ? WHERE id = ?').run(owner, at, row.id);
        return abandoned.map(runOf);
      });
    },
  };
}

// An owner on another machine is never taken over: its liveness cannot be seen from here.
function isGone(owner: string): boolean {
  const [host, pidText] = owner.split('|');
  const pid = Number(pidText);
  if (host !== thisHost || !Number.isInteger(pid)) return false;
  if (pid === process.pid) return false;
  return !isProcessAlive(pid);
}

function runOf(row: RunRow): StoredRun {
  return {
    id: row.id,
    kind: row.kind,
    request: JSON.parse(row.request) as unknown,
    status: row.status,
    result: row.result === null ? undefined : (JSON.parse(row.result) as unknown),
    error: row.error === null ? undefined : (JSON.parse(row.error) as { name: string; message: string }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
