import type { DatabaseSync, SQLInputValue, SQLOutputValue, StatementSync } from 'node:sqlite';

/** An open Swarm store: the SQLite database plus a cache of prepared statements. */
export interface Store {
  /** The folder holding `swarm.db`. */
  readonly dir: string;
  readonly db: DatabaseSync;
  /** A prepared statement for `sql`, compiled once per store. */
  statement(sql: string): StatementSync;
  /**
   * The first row of a read-only query as its values in column order, for point lookups made
   * thousands of times a second (the response cache). Lookups share a read transaction on a second
   * connection, held for up to 100 ms: they see the store as it was when it began, without any
   * later commit (this process's included) until `refreshLookups()`.
   */
  lookup(sql: string, ...params: SQLInputValue[]): SQLOutputValue[] | undefined;
  /** Ends the lookups' read transaction: the next lookup sees every commit made so far. */
  refreshLookups(): void;
  /** Runs `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T;
  close(): void;
}
