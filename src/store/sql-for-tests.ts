import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';

/**
 * Raw SQL on the store in `dir`, each statement on a connection of its own: for tests only, to set
 * up what no operation makes (a pass as a crashed run leaves it) and to read what none returns.
 * The engine reaches its store through the named operations of `Store` alone.
 */
export function sqlForTests(dir: string) {
  const withDatabase = <T>(work: (database: DatabaseSync) => T): T => {
    const database = new DatabaseSync(path.join(dir, 'swarm.db'), { timeout: 10_000 });
    try {
      return work(database);
    } finally {
      database.close();
    }
  };
  return {
    /** Every row of a query. */
    all: <T = Record<string, unknown>>(sql: string, ...params: SQLInputValue[]): T[] => withDatabase((database) => database.prepare(sql).all(...params) as T[]),
    /** The first row of a query, if any. */
    get: <T = Record<string, unknown>>(sql: string, ...params: SQLInputValue[]): T | undefined =>
      withDatabase((database) => database.prepare(sql).get(...params) as T | undefined),
    /** Runs a statement. */
    run: (sql: string, ...params: SQLInputValue[]): void => withDatabase((database) => void database.prepare(sql).run(...params)),
  };
}
