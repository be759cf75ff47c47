import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openSwarm, PassBusyError, StoreCorruptError, StoreVersionError, SwarmError } from '../../src/index.ts';
import { sqlForTests } from '../../src/store/sql-for-tests.ts';
import { labelSchema, numberedTasks, tempSwarm } from './support/temp-swarm.ts';

function emptyFolder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'swarm-errors-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

const config = { aliases: {}, providers: {}, prices: {} };

describe('errors carry what they are about', () => {
  it('PassBusyError: the pass, where its other run is, and since when', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(20) });
    const pass = { instruction: 'Label {text}', responseSchema: labelSchema, model: 'mock:default?latencyMs=20', batchSize: 1, concurrency: 2 } as const;
    const first = swarm.run(table.id, pass);
    const refused = await swarm.run(table.id, pass).catch((error: unknown) => error);
    expect(PassBusyError.isInstance(refused)).toBe(true);
    const busy = refused as PassBusyError;
    expect(busy).toMatchObject({ name: 'PassBusyError', passId: (await first).passId, where: 'in this process' });
    expect(busy.since).toBeGreaterThan(Date.now() - 60_000);
    expect(busy.since).toBeLessThanOrEqual(Date.now());
  });

  it('StoreVersionError: the store file, its schema version and the newest this Swarm knows', () => {
    const dir = path.join(emptyFolder(), 'store');
    openSwarm({ dir, config, env: {} }).close();
    const known = sqlForTests(dir).get<{ user_version: number }>('PRAGMA user_version')!.user_version;
    sqlForTests(dir).run(`PRAGMA user_version = ${known + 1}`);
    const refused = (() => {
      try {
        return openSwarm({ dir, config, env: {} });
      } catch (error) {
        return error;
      }
    })();
    expect(StoreVersionError.isInstance(refused)).toBe(true);
    expect(refused).toMatchObject({ file: path.join(dir, 'swarm.db'), storeVersion: known + 1, knownVersion: known });
    expect((refused as Error).message).toContain('upgrade Swarm');
  });

  it('StoreCorruptError: a store file that is not a database', () => {
    const dir = path.join(emptyFolder(), 'store');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'swarm.db'), 'not a database, '.repeat(512));
    const refused = (() => {
      try {
        return openSwarm({ dir, config, env: {} });
      } catch (error) {
        return error;
      }
    })();
    expect(StoreCorruptError.isInstance(refused)).toBe(true);
    expect(SwarmError.isInstance(refused)).toBe(true);
    expect(refused).toMatchObject({ file: path.join(dir, 'swarm.db'), record: undefined });
  });
});
