import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { sqlForTests } from '../../src/store/sql-for-tests.ts';
import { numberedTasks, tempSwarm } from './support/temp-swarm.ts';

const stop = new Error('stopped by the test');

describe('create with an abortSignal', () => {
  it('stops reading mid-way, leaves no table and no rows, and rejects with the reason', async () => {
    const { swarm } = tempSwarm();
    const sql = sqlForTests(swarm.dir);
    const controller = new AbortController();
    let rowsWhenAborted = 0;
    const tasks = numberedTasks(12_000);
    // Reading the 7,001st record aborts: by then the first 5,000 rows are written (hidden, `creating`).
    Object.defineProperty(tasks[7_000]!, 'id', {
      get() {
        rowsWhenAborted = sql.get<{ n: number }>('SELECT count(*) AS n FROM rows')!.n;
        controller.abort(stop);
        return 'late';
      },
    });
    await expect(swarm.create({ tasks }, { abortSignal: controller.signal })).rejects.toBe(stop);
    expect(rowsWhenAborted).toBe(5_000);
    expect(sql.all('SELECT id, status FROM tables')).toEqual([]);
    expect(sql.get<{ n: number }>('SELECT count(*) AS n FROM rows')!.n).toBe(0);
    expect(await swarm.tables()).toEqual([]);
  });

  it('does nothing when already aborted', async () => {
    const { swarm, write } = tempSwarm();
    write('rows.jsonl', '{"id":"a","text":"x"}\n');
    await expect(swarm.create({ file: 'rows.jsonl' }, { abortSignal: AbortSignal.abort(stop) })).rejects.toBe(stop);
    expect(await swarm.tables()).toEqual([]);
  });
});

describe('exportTable with an abortSignal', () => {
  it.each(['jsonl', 'parquet'] as const)('%s: stops writing, leaves neither the file nor its partial copy, and rejects with the reason', async (format) => {
    const { swarm, cwd } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(30_000, (index) => ({ note: `row ${index} `.repeat(4) })) });
    const controller = new AbortController();
    const partials = () => readdirSync(cwd).filter((name) => name.endsWith('.partial'));
    let partialsWhenAborted: string[] = [];
    // Aborts as soon as the export has its partial file open: mid-way through a 30,000-row table.
    const abortMidWay = (async () => {
      while (partials().length === 0) await nextTurn();
      partialsWhenAborted = partials();
      controller.abort(stop);
    })();
    const out = `rows.${format}`;
    await expect(swarm.exportTable(table.id, { format, out, abortSignal: controller.signal })).rejects.toBe(stop);
    await abortMidWay;
    expect(partialsWhenAborted).toHaveLength(1);
    expect(partials()).toEqual([]);
    expect(existsSync(path.join(cwd, out))).toBe(false);
  });

  it('writes nothing when already aborted', async () => {
    const { swarm, cwd } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(3) });
    await expect(swarm.exportTable(table.id, { format: 'csv', out: 'rows.csv', abortSignal: AbortSignal.abort(stop) })).rejects.toBe(stop);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
