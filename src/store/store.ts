import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** An open Swarm store: the SQLite database plus a cache of prepared statements. */
export interface Store {
  /** The folder holding `swarm.db`. */
  readonly dir: string;
  readonly db: DatabaseSync;
  /** A prepared statement for `sql`, compiled once per store. */
  statement(sql: string): StatementSync;
  /** Runs `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T;
  close(): void;
}
