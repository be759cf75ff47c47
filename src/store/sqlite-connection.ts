import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue, type SQLOutputValue, type StatementSync } from 'node:sqlite';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { StoreCorruptError } from '../errors/store-corrupt-error.ts';
import { StoreVersionError } from '../errors/store-version-error.ts';
import { migrations } from './migrations.ts';

/**
 * The SQLite database of one store, for the store's operations only: nothing outside src/store/
 * sees it. Statements are compiled once per connection.
 */
export interface SqliteConnection {
  /** A prepared statement for `sql`, compiled once per connection. */
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

// A lookup sees the store as it was at most this long ago (see `SqliteConnection.lookup`).
const lookupSnapshotMs = 100;
// Page cache of the lookup connection: the response cache of a 100k-row pass fits.
const lookupCacheKib = 16_384;
// How long a statement waits for another process's lock before it fails with "database is locked".
const busyTimeoutMs = 10_000;

/** The file of a store in its folder. */
export const storeFileName = 'swarm.db';

/** Opens (creating if needed) `swarm.db` in `dir`, in WAL mode, migrated to the current schema. */
export function openSqliteConnection(dir: string): SqliteConnection {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new InvalidInputError(`the store folder ${dir} is a file; give --dir (or SWARM_DIR) a folder, new or holding a Swarm store`);
  }
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, storeFileName);
  // The busy timeout is set as the file opens, before anything that takes a lock: several
  // processes opening a new store at once would otherwise find it locked and fail at once.
  const db = new DatabaseSync(file, { timeout: busyTimeoutMs });
  try {
    // WAL lets `swarm rows` read while a pass writes; NORMAL sync keeps every commit safe from a
    // process crash (kill -9), which is the durability promise, at a fraction of FULL's cost.
    useWal(db);
    db.exec('PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON');
    migrate(db, file);
  } catch (error) {
    db.close();
    const code = ((error as { errcode?: number }).errcode ?? 0) % 256;
    if (code === sqliteNotADatabase || code === sqliteCorrupt) {
      throw new StoreCorruptError(`${file} is not a Swarm store SQLite can read (${(error as Error).message}); move it aside, or point --dir elsewhere`, { file, cause: error });
    }
    throw error;
  }

  const statements = new Map<string, StatementSync>();
  let depth = 0;
  // Lookups run on a second, read-only connection, opened on first use, so that writes (in
  // `transaction` or not) never run inside its long read transaction.
  let reader: DatabaseSync | undefined;
  const lookups = new Map<string, StatementSync>();
  let snapshotTimer: NodeJS.Timeout | undefined;
  const endSnapshot = () => {
    if (snapshotTimer === undefined) return;
    clearTimeout(snapshotTimer);
    snapshotTimer = undefined;
    reader!.exec('COMMIT');
  };
  return {
    statement(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    lookup(sql, ...params) {
      if (reader === undefined) {
        reader = new DatabaseSync(file, { readOnly: true, timeout: busyTimeoutMs });
        reader.exec(`PRAGMA cache_size = -${lookupCacheKib}`);
      }
      let statement = lookups.get(sql);
      if (statement === undefined) {
        statement = reader.prepare(sql);
        // Arrays, not objects: building an object interns its column names on every row.
        statement.setReturnArrays(true);
        lookups.set(sql, statement);
      }
      // Each autocommit statement would open a read transaction of its own, and each new one after
      // any write to the store empties the connection's page cache: the next lookups then read
      // their pages from the file again. One transaction for many lookups keeps the pages.
      if (snapshotTimer === undefined) {
        reader.exec('BEGIN');
        snapshotTimer = setTimeout(endSnapshot, lookupSnapshotMs).unref();
      }
      return statement.get(...params) as SQLOutputValue[] | undefined;
    },
    refreshLookups: endSnapshot,
    transaction(work) {
      if (depth > 0) return work();
      db.exec('BEGIN IMMEDIATE');
      depth++;
      try {
        const result = work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      } finally {
        depth--;
      }
    },
    close() {
      statements.clear();
      lookups.clear();
      if (reader?.isOpen) {
        endSnapshot();
        reader.close();
      }
      if (db.isOpen) db.close();
    },
  };
}

// SQLite's primary error code for a lock held by another connection (extended codes add multiples of 256).
const sqliteBusy = 5;
const sqliteCorrupt = 11;
const sqliteNotADatabase = 26;

function useWal(db: DatabaseSync): void {
  // Turning WAL on takes the file's exclusive lock from inside a read, and SQLite does not wait
  // for a lock it would take that way (the busy timeout does not apply): another process opening a
  // new store at the same moment makes it fail at once. Once WAL is on, it stays on in the file.
  const deadline = Date.now() + busyTimeoutMs;
  for (let waitMs = 5; ; waitMs = Math.min(waitMs * 2, 100)) {
    try {
      db.exec('PRAGMA journal_mode = WAL');
      return;
    } catch (error) {
      if (((error as { errcode?: number }).errcode ?? 0) % 256 !== sqliteBusy || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, waitMs);
    }
  }
}

function migrate(db: DatabaseSync, file: string): void {
  const readVersion = () => (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (readVersion() === migrations.length) return;
  // Under the write lock, re-read the version: another process may have migrated meanwhile.
  db.exec('BEGIN IMMEDIATE');
  try {
    const version = readVersion();
    if (version > migrations.length) {
      throw new StoreVersionError({ file, storeVersion: version, knownVersion: migrations.length });
    }
    for (let index = version; index < migrations.length; index++) db.exec(migrations[index]!);
    db.exec(`PRAGMA user_version = ${migrations.length}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
