import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openStore } from './open-store.ts';

function tempStore() {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarm-store-'));
  const store = openStore(dir);
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
