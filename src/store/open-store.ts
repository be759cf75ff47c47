import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { SwarmError } from '../errors/swarm-error.ts';
import { migrations } from './migrations.ts';
import type { Store } from './store.ts';

/** Opens (creating if needed) the store in `dir`, in WAL mode, migrated to the current schema. */
export function openStore(dir: string): Store {
  mkdirSync(dir, { recursive: true });
  const db = new DatabaseSync(path.join(dir, 'swarm.db'));
  // WAL lets `swarm rows` read while a pass writes; NORMAL sync keeps every commit safe from a
  // process crash (kill -9), which is the durability promise, at a fraction of FULL's cost.
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    PRAGMA busy_timeout = 10000;
    PRAGMA foreign_keys = ON;
  `);
  migrate(db);

  const statements = new Map<string, StatementSync>();
  let depth = 0;
  return {
    dir,
    db,
    statement(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
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
      if (db.isOpen) db.close();
    },
  };
}

function migrate(db: DatabaseSync): void {
  const readVersion = () => (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  if (readVersion() === migrations.length) return;
  // Under the write lock, re-read the version: another process may have migrated meanwhile.
  db.exec('BEGIN IMMEDIATE');
  try {
    const version = readVersion();
    if (version > migrations.length) {
      throw new SwarmError(
        'StoreVersionError',
        `this store was written by a newer Swarm (schema ${version}, this one knows ${migrations.length}); upgrade Swarm`,
      );
    }
    for (let index = version; index < migrations.length; index++) db.exec(migrations[index]!);
    db.exec(`PRAGMA user_version = ${migrations.length}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
