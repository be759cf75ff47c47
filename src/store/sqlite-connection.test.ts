import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openSqliteConnection } from './sqlite-connection.ts';

function tempStore() {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarm-store-'));
  const store = openSqliteConnection(dir);
  onTestFinished(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

const insert = 'INSERT INTO response_cache (key, text, input_tokens, output_tokens, created_at) VALUES (?, ?, 1, 2, 0)';
const select = 'SELECT text, input_tokens FROM response_cache WHERE key = ?';

describe('store lookups', () => {
  it('return the row as values in column order, or undefined', () => {
    const store = tempStore();
    store.transaction(() => store.statement(insert).run('a', 'answer a'));
    expect(store.lookup(select, 'a')).toEqual(['answer a', 1]);
    expect(store.lookup(select, 'b')).toBeUndefined();
  });

  it('read a snapshot: a later commit shows after refreshLookups()', () => {
    const store = tempStore();
    expect(store.lookup(select, 'a')).toBeUndefined();
    store.transaction(() => store.statement(insert).run('a', 'answer a'));
    expect(store.lookup(select, 'a')).toBeUndefined();
    store.refreshLookups();
    expect(store.lookup(select, 'a')).toEqual(['answer a', 1]);
  });

  it('end their snapshot on their own within 100 ms', async () => {
    const store = tempStore();
    expect(store.lookup(select, 'a')).toBeUndefined();
    store.transaction(() => store.statement(insert).run('a', 'answer a'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(store.lookup(select, 'a')).toEqual(['answer a', 1]);
  });
});

describe('a new store opened by several processes at once', () => {
  // Each child loads the module first, then waits for the same instant, so that the opens collide.
  const child = `
    const { openSqliteConnection } = await import(process.argv[1]);
    while (Date.now() < Number(process.argv[3])) {}
    const store = openSqliteConnection(process.argv[2]);
    store.transaction(() => store.statement("INSERT INTO key_parks (key, parked_until, updated_at) VALUES (?, 0, 0)").run(String(process.pid)));
    store.close();
  `;
  const connectionUrl = new URL('./sqlite-connection.ts', import.meta.url).href;

  function openTogether(dir: string, count: number, startAt: number) {
    return Promise.all(
      Array.from({ length: count }, () => {
        const process_ = spawn(process.execPath, ['--input-type=module', '-e', child, connectionUrl, dir, String(startAt)], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        process_.stderr.on('data', (chunk) => (stderr += chunk));
        return new Promise<{ code: number | null; stderr: string }>((resolve) => process_.on('close', (code) => resolve({ code, stderr })));
      }),
    );
  }

  it('is created and migrated once, and every process opens it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'swarm-store-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    for (let round = 0; round < 5; round++) {
      const dir = path.join(root, `store-${round}`);
      // Node takes a few hundred ms to start; every child is waiting well before this instant.
      const exits = await openTogether(dir, 6, Date.now() + 1_500);
      expect(exits.filter((exit) => exit.code !== 0).map((exit) => exit.stderr)).toEqual([]);
      const store = openSqliteConnection(dir);
      expect(store.lookup('SELECT count(*) FROM key_parks')).toEqual([6]);
      store.close();
    }
  }, 60_000);
});
