import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished, describe, expect, it } from 'vitest';
import { openSwarm, type OpenSwarmOptions, type Swarm } from '../swarm/open-swarm.ts';
import { sqlForTests } from '../store/sql-for-tests.ts';
import { MapReduceError } from './map-reduce-error.ts';
import { mapReduce, type MapTools } from './map-reduce.ts';

function tempSwarm(options: Omit<OpenSwarmOptions, 'dir' | 'cwd'> = {}): Swarm {
  const root = mkdtempSync(path.join(tmpdir(), 'swarm-map-reduce-'));
  const swarm = openSwarm({ dir: path.join(root, 'store'), cwd: root, config: { aliases: {}, providers: {}, prices: {} }, env: {}, ...options });
  onTestFinished(() => {
    swarm.close();
    rmSync(root, { recursive: true, force: true });
  });
  return swarm;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('mapReduce', () => {
  it("runs Hivemind's example: [1..5], x * 2, sum → 30, with no model, leaving no table", async () => {
    const swarm = tempSwarm();
    expect(await mapReduce([1, 2, 3, 4, 5], (x) => x * 2, sum, { swarm, concurrency: 4 })).toBe(30);
    expect(await swarm.tables()).toEqual([]);
  });

  it('hands reduce the results in dataset order, whatever order the maps end in; an empty dataset reduces nothing', async () => {
    const swarm = tempSwarm();
    const letters = 'abcdefghijkl'.split('');
    const joined = await mapReduce(
      letters,
      async (letter, { index }) => {
        await new Promise((resolve) => setTimeout(resolve, (letters.length - index) * 3));
        return `${index}${letter}`;
      },
      (values) => values.join(' '),
      { swarm, concurrency: 12 },
    );
    expect(joined).toBe('0a 1b 2c 3d 4e 5f 6g 7h 8i 9j 10k 11l');
    expect(await mapReduce([], () => 1, (values) => values.length, { swarm })).toBe(0);
  });

  it('map functions call the model through the pass: attempts recorded, and a keyed map resumes without calling again', async () => {
    const swarm = tempSwarm();
    const scoreSchema = { type: 'object', properties: { score: { type: 'integer', minimum: 1, maximum: 9 } }, required: ['score'] };
    let calls = 0;
    const mapFn = async (text: string, { call }: MapTools) => {
      calls++;
      const answer = JSON.parse(await call([{ role: 'user', content: `Rate: ${text}` }], { schema: scoreSchema })) as { score: number };
      return answer.score;
    };
    const reviews = ['great', 'awful', 'fine', 'meh'];
    const total = await mapReduce(reviews, mapFn, sum, { swarm, model: 'mock', key: 'rate-v1' });
    expect(total).toBeGreaterThanOrEqual(4);
    expect(total).toBeLessThanOrEqual(36);
    const attempts = sqlForTests(swarm.dir).all<{ row_ids: string; status: string }>('SELECT row_ids, status FROM attempts ORDER BY id');
    expect(attempts.map((attempt) => attempt.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(attempts.map((attempt) => JSON.parse(attempt.row_ids)).sort()).toEqual([['0'], ['1'], ['2'], ['3']]);
    const [table] = await swarm.tables();
    expect(table!.columns).toEqual(['id', 'item', 'value']);
    expect((await swarm.rows(table!.id, { columns: ['item'] })).map((row) => row.item)).toEqual(reviews);
    // Again with the same key and data: every item is already mapped.
    expect(await mapReduce(reviews, mapFn, sum, { swarm, model: 'mock', key: 'rate-v1' })).toBe(total);
    expect(calls).toBe(4);
    expect(sqlForTests(swarm.dir).all('SELECT id FROM attempts')).toHaveLength(4);
  });

  it('an unkeyed map drops its table but its calls stay counted in spend', async () => {
    const swarm = tempSwarm();
    const lengths = await mapReduce(['a', 'bb'], async (text, { call }) => (await call([{ role: 'user', content: text }])).length, (values) => values.length, { swarm, model: 'mock' });
    expect(lengths).toBe(2);
    expect(await swarm.tables()).toEqual([]);
    expect(swarm.context.store.spend.report({ by: 'model' })).toMatchObject([{ key: 'mock:default', calls: 2 }]);
  });

  it('a map that throws fails the map-reduce, naming the items; reduce is not called', async () => {
    const swarm = tempSwarm();
    let reduced = false;
    const error = await mapReduce(
      [1, 2, 3, 4],
      (x) => {
        if (x % 2 === 0) throw new Error(`no even numbers (${x})`);
        return x;
      },
      () => (reduced = true),
      { swarm },
    ).catch((caught: unknown) => caught);
    expect(MapReduceError.isInstance(error)).toBe(true);
    expect((error as MapReduceError).message).toBe(
      '2 of 4 items failed to map (item 1: worker failed after 0 calls: no even numbers (2); item 3: worker failed after 0 calls: no even numbers (4))',
    );
    expect((error as MapReduceError).failures.map((failure) => failure.index)).toEqual([1, 3]);
    expect(reduced).toBe(false);
  });

  it('a map calling a model when none is chosen fails with how to choose one; an abort rejects with its reason', async () => {
    const swarm = tempSwarm();
    const error = await mapReduce([1], async (_x, { call }) => call([{ role: 'user', content: 'hi' }]), (values) => values, { swarm }).catch((caught: unknown) => caught);
    expect((error as MapReduceError).failures[0]!.error).toContain('a map function called a model, but mapReduce has none: pass { model }');
    const controller = new AbortController();
    const aborted = mapReduce(
      [1, 2, 3],
      async (x) => {
        controller.abort(new Error('enough'));
        return x;
      },
      sum,
      { swarm, concurrency: 1, abortSignal: controller.signal },
    );
    await expect(aborted).rejects.toThrow('enough');
  });
});
