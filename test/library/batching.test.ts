import { describe, expect, it } from 'vitest';
import type { ModelRunOptions } from '../../src/index.ts';
import { answerRows, scriptedModel } from './support/scripted-model.ts';
import { labelSchema, numberedTasks, storedAttempts, tempSwarm, type TempSwarm } from './support/temp-swarm.ts';

/**
 * Runs a mock pass over `tasks` and returns the rows of each dispatch as the store recorded them,
 * ordered by their first row's place in the table (calls run concurrently, so they end in any order).
 */
async function dispatchesOf(store: TempSwarm, tasks: Record<string, unknown>[], options: Partial<ModelRunOptions> = {}): Promise<string[][]> {
  const table = await store.swarm.create({ tasks });
  const result = await store.swarm.run(table.id, { instruction: 'Label {text}', responseSchema: labelSchema, model: 'mock', ...options });
  const matched = options.filter === undefined ? tasks.length : result.completed;
  expect(result).toMatchObject({ completed: matched, failed: 0 });
  const attempts = storedAttempts(store);
  expect(attempts.every((attempt) => attempt.status === 'ok')).toBe(true);
  const position = new Map(tasks.map((task, index) => [task.id as string, index]));
  return attempts.map((attempt) => attempt.rowIds).sort((left, right) => position.get(left[0]!)! - position.get(right[0]!)!);
}

const sizes = (dispatches: string[][]) => dispatches.map((rowIds) => rowIds.length);

describe('batchSize: "auto" (the default)', () => {
  it('splits 95 rows into 10 dispatches', async () => {
    const dispatches = await dispatchesOf(tempSwarm(), numberedTasks(95));
    expect(sizes(dispatches)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 5]);
    expect(dispatches.flat().sort()).toEqual(numberedTasks(95).map((task) => task.id));
  });

  it('splits 300 rows into 10 dispatches of 30', async () => {
    expect(sizes(await dispatchesOf(tempSwarm(), numberedTasks(300)))).toEqual(Array(10).fill(30));
  });

  it('sends each of 7 rows alone', async () => {
    expect(await dispatchesOf(tempSwarm(), numberedTasks(7))).toEqual(numberedTasks(7).map((task) => [task.id]));
  });

  it('never puts more than 50 rows in a dispatch', async () => {
    const dispatches = await dispatchesOf(tempSwarm(), numberedTasks(1210));
    expect(sizes(dispatches)).toEqual([...Array(24).fill(50), 10]);
  });

  it('counts only the rows the filter matches', async () => {
    const tasks = numberedTasks(40, (index) => ({ keep: index < 20 }));
    const dispatches = await dispatchesOf(tempSwarm(), tasks, { filter: { column: 'keep', equals: true } });
    expect(sizes(dispatches)).toEqual(Array(10).fill(2));
  });
});

describe('batchSize: a number', () => {
  it('puts that many rows in each dispatch, in table order', async () => {
    expect(await dispatchesOf(tempSwarm(), numberedTasks(10), { batchSize: 4 })).toEqual([
      ['t01', 't02', 't03', 't04'],
      ['t05', 't06', 't07', 't08'],
      ['t09', 't10'],
    ]);
  });

  it('is clamped to [1, 50]', async () => {
    expect(sizes(await dispatchesOf(tempSwarm(), numberedTasks(60), { batchSize: 500 }))).toEqual([50, 10]);
    expect(sizes(await dispatchesOf(tempSwarm(), numberedTasks(4), { batchSize: 0 }))).toEqual([1, 1, 1, 1]);
  });

  it('rejects anything but "auto", a number or a function, before any call', async () => {
    const store = tempSwarm();
    const table = await store.swarm.create({ tasks: numberedTasks(2) });
    await expect(
      store.swarm.run(table.id, { instruction: 'Label {text}', responseSchema: labelSchema, model: 'mock', batchSize: 'big' as never }),
    ).rejects.toThrow('batchSize must be "auto", a number or a function; got "big"');
    expect(storedAttempts(store)).toEqual([]);
  });
});

describe('batchSize: a function', () => {
  it('groups rows that get the same size, and is told the matched row count', async () => {
    const tasks = numberedTasks(9, (index) => ({ length: index % 3 === 0 ? 'long' : 'short' }));
    const seen: Array<[string, number]> = [];
    const dispatches = await dispatchesOf(tempSwarm(), tasks, {
      batchSize: (row, rowCount) => {
        seen.push([row.id as string, rowCount]);
        return row.length === 'long' ? 1 : 4;
      },
    });
    expect(seen).toEqual(tasks.map((task) => [task.id, 9]));
    // Long rows t01, t04, t07 go alone; the six short rows are grouped by four.
    expect(dispatches).toEqual([['t01'], ['t02', 't03', 't05', 't06'], ['t04'], ['t07'], ['t08', 't09']]);
  });

  it('has its result clamped to [1, 50]', async () => {
    const tasks = numberedTasks(55, (index) => ({ huge: index < 52 }));
    const dispatches = await dispatchesOf(tempSwarm(), tasks, { batchSize: (row) => (row.huge ? 1000 : -5) });
    expect(sizes(dispatches)).toEqual([50, 2, 1, 1, 1]);
    expect(dispatches.slice(1)).toEqual([['t51', 't52'], ['t53'], ['t54'], ['t55']]);
  });
});

describe('batched prompts', () => {
  it('ask for { results: [{ id, ...columns }] } with the row ids', async () => {
    const { swarm } = tempSwarm();
    const scripted = scriptedModel(answerRows(() => ({ label: 'spam', score: 9 })));
    const table = await swarm.create({ tasks: numberedTasks(3) });
    const result = await swarm.run(table.id, { instruction: 'Label {text}', responseSchema: labelSchema, model: scripted.model, batchSize: 3 });
    expect(result).toMatchObject({ completed: 3, failed: 0 });
    expect(scripted.calls).toHaveLength(1);
    const [call] = scripted.calls;
    expect(call!.rowIds).toEqual(['t01', 't02', 't03']);
    expect(call!.userText).toContain('Apply the instruction to each of these 3 rows separately.');
    expect(call!.options.responseFormat).toMatchObject({
      type: 'json',
      schema: {
        type: 'object',
        properties: {
          results: {
            type: 'array',
            items: { type: 'object', properties: { id: { type: 'string' }, ...labelSchema.properties }, required: ['id', 'label', 'score'] },
          },
        },
        required: ['results'],
      },
    });
    expect(await swarm.rows(table.id, { columns: ['label', 'score'] })).toEqual([
      { id: 't01', label: 'spam', score: 9 },
      { id: 't02', label: 'spam', score: 9 },
      { id: 't03', label: 'spam', score: 9 },
    ]);
  });
});

describe('concurrency', () => {
  const run = async (rowCount: number, concurrency: number | 'auto' | undefined) => {
    const { swarm } = tempSwarm();
    const scripted = scriptedModel(answerRows(() => ({ label: 'ham', score: 0 })), { latencyMs: 15 });
    const table = await swarm.create({ tasks: numberedTasks(rowCount) });
    const result = await swarm.run(table.id, { instruction: 'Label {text}', responseSchema: labelSchema, model: scripted.model, batchSize: 1, concurrency });
    expect(result).toMatchObject({ completed: rowCount, failed: 0 });
    expect(scripted.calls).toHaveLength(rowCount);
    return scripted.maxInFlight;
  };

  it('caps the calls in flight', async () => {
    expect(await run(12, 3)).toBe(3);
  });

  it('defaults to auto: one call on a provider it knows nothing of, doubling each round trip while the provider keeps up', async () => {
    // Issue 8: 32 calls before any header arrived were mostly refused by a provider enforcing per second.
    expect(await run(1, undefined)).toBe(1);
    // 1, 2, 4 … 128 in flight by the eighth round trip; a loaded machine loses rounds (a call
    // counts toward growth only while the limit is in use), so the bound is loose.
    expect(await run(400, undefined)).toBeGreaterThanOrEqual(24);
    expect(await run(400, 'auto')).toBeGreaterThanOrEqual(24);
  });

  it('is not clamped to 10', async () => {
    expect(await run(300, 25)).toBe(25);
  });
});

describe('concurrency of retries', () => {
  it('rows a batch answer left out are retried alone using the whole concurrency', async () => {
    const { swarm } = tempSwarm();
    const scripted = scriptedModel((call) => (call.batch ? { results: [] } : { label: 'ham', score: 1 }), { latencyMs: 15 });
    const table = await swarm.create({ tasks: numberedTasks(8) });
    const result = await swarm.run(table.id, { instruction: 'Label {text}', responseSchema: labelSchema, model: scripted.model, batchSize: 8, concurrency: 4 });
    expect(result).toMatchObject({ completed: 8, failed: 0 });
    expect(scripted.calls.map((call) => call.rowIds.length)).toEqual([8, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(scripted.maxInFlight).toBe(4);
  });
});
