import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openStore } from '../open-store.ts';
import { sqlForTests } from '../sql-for-tests.ts';

function storeWithPass(dir: string) {
  const store = openStore(dir);
  onTestFinished(() => store.close());
  if (!store.tables.exists('t')) {
    store.tables.begin({ id: 't', source: {}, sourceKey: undefined, createdAt: 0 });
    store.tables.finish('t', { columns: ['id'], rowCount: 0 });
    store.passes.start({ id: 'p', tableId: 't', instruction: 'x', context: undefined, responseSchema: {}, model: 'mock', at: 0 });
  }
  return store;
}

function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarm-leases-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('pass leases', () => {
  it('are held per store: a second store on the same file in this process sees the run and waits for its release', () => {
    const dir = tempDir();
    const first = storeWithPass(dir);
    const second = storeWithPass(dir);
    const taken = first.leases.take('p');
    expect('lease' in taken).toBe(true);
    expect(second.leases.take('p')).toEqual({ heldBy: { where: 'in this process', since: expect.any(Number) } });
    expect(first.leases.take('p')).toMatchObject({ heldBy: { where: 'in this process' } });
    if ('lease' in taken) taken.lease.release();
    const again = second.leases.take('p');
    expect('lease' in again).toBe(true);
    if ('lease' in again) again.lease.release();
  });

  it('of one store do not hold a pass of the same id in another store', () => {
    const here = storeWithPass(tempDir());
    const there = storeWithPass(tempDir());
    const taken = here.leases.take('p');
    const other = there.leases.take('p');
    expect('lease' in other).toBe(true);
    for (const claim of [taken, other]) if ('lease' in claim) claim.lease.release();
  });

  it('believe a run of this process that no store here holds while it beats, not once it is silent', () => {
    const dir = tempDir();
    const store = storeWithPass(dir);
    const now = Date.now();
    sqlForTests(dir).run(`UPDATE passes SET runner = ?, heartbeat_at = ? WHERE id = 'p'`, `${hostname()}|${process.pid}|gone`, now - 60_000);
    expect(store.leases.liveRun('p', now)).toBeUndefined();
    sqlForTests(dir).run(`UPDATE passes SET heartbeat_at = ? WHERE id = 'p'`, now);
    expect(store.leases.liveRun('p', now)).toEqual({ where: 'in this process', since: now });
  });
});
