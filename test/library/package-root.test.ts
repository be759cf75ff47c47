import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { create, mapReduce, openSwarm, rows, run, tables } from 'swarm';

// Set before the first call: the bare functions open their store once, from SWARM_DIR.
const root = mkdtempSync(path.join(tmpdir(), 'swarm-package-root-'));
const storeDir = path.join(root, 'store');
const previous = process.env.SWARM_DIR;
process.env.SWARM_DIR = storeDir;

afterAll(() => {
  if (previous === undefined) delete process.env.SWARM_DIR;
  else process.env.SWARM_DIR = previous;
  rmSync(root, { recursive: true, force: true });
});

describe("the package root, imported as 'swarm'", () => {
  it('create, run and rows work on the store in SWARM_DIR', async () => {
    const file = path.join(root, 'reviews.jsonl');
    writeFileSync(file, '{"id":"r1","text":"love it"}\n{"id":"r2","text":"broke in a day"}\n');
    const table = await create({ file });
    expect(table).toMatchObject({ count: 2, columns: ['id', 'text'] });
    expect(existsSync(path.join(storeDir, 'swarm.db'))).toBe(true);

    const result = await run(table.id, {
      instruction: 'Sentiment of {text}',
      responseSchema: { type: 'object', properties: { sentiment: { type: 'string', enum: ['positive', 'negative'] } }, required: ['sentiment'] },
      model: 'mock',
    });
    expect(result).toMatchObject({ completed: 2, failed: 0, skipped: 0, failures: [] });

    const answered = await rows(table.id, { columns: ['sentiment'] });
    expect(answered.map((row) => row.id)).toEqual(['r1', 'r2']);
    for (const row of answered) expect(['positive', 'negative']).toContain(row.sentiment);
    expect((await tables()).map((summary) => summary.id)).toEqual([table.id]);

    // openSwarm on the same folder sees the same store.
    const swarm = openSwarm({ dir: storeDir });
    try {
      expect(await swarm.rows(table.id)).toEqual(await rows(table.id));
    } finally {
      swarm.close();
    }
  });

  it("mapReduce runs Hivemind's example on the default store", async () => {
    const before = (await tables()).length;
    expect(await mapReduce([1, 2, 3, 4, 5], (x) => x * 2, (values) => values.reduce((total, value) => total + value, 0))).toBe(30);
    expect(await tables()).toHaveLength(before);
  });
});
