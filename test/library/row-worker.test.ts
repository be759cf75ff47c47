import { describe, expect, it } from 'vitest';
import type { RowWorker } from '../../src/pass/row-worker.ts';
import { numberedTasks, storedAttempts, tempSwarm } from './support/temp-swarm.ts';

const outputSchema = {
  type: 'object',
  properties: { summary: { type: 'string' }, turns: { type: 'integer' } },
  required: ['summary', 'turns'],
};

describe('function workers', () => {
  it('answer each row with several calls through the pass, and commit the returned columns', async () => {
    const { swarm, ...temp } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(6) });
    const prompts: string[] = [];
    const worker: RowWorker = async (row, tools) => {
      prompts.push(tools.prompt);
      const first = await tools.call([{ role: 'user', content: tools.prompt }]);
      const second = await tools.call([
        { role: 'user', content: tools.prompt },
        { role: 'assistant', content: first },
        { role: 'user', content: 'Shorter, please.' },
      ]);
      return { summary: `${row.id}: ${second.slice(0, 20)}`, turns: 2 };
    };
    const result = await swarm.run(table.id, { instruction: 'Summarize {text}', responseSchema: outputSchema, model: 'mock', worker });

    expect(result).toMatchObject({ completed: 6, failed: 0 });
    expect(result.usage.calls).toBe(12);
    expect(prompts).toContain('Summarize message 1');
    const rows = await swarm.rows(table.id, { columns: ['summary', 'turns'] });
    expect(rows.map((row) => row.turns)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(rows[0]!.summary).toMatch(/^t01: /);
    expect(storedAttempts({ swarm, ...temp }).filter((attempt) => attempt.status === 'ok')).toHaveLength(12);
  });

  it('fail the row when they throw or return columns that do not match the schema', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(3) });
    const worker: RowWorker = async (row) => {
      if (row.id === 't01') throw new Error('no luck');
      if (row.id === 't02') return { summary: 'x', turns: 'two' };
      return { summary: 'ok', turns: 1 };
    };
    const result = await swarm.run(table.id, { instruction: 'x {text}', responseSchema: outputSchema, model: 'mock', worker });
    expect(result).toMatchObject({ completed: 1, failed: 2 });
    expect(result.failures.map((failure) => [failure.id, failure.errorClass])).toEqual([
      ['t01', 'worker-error'],
      ['t02', 'invalid-output'],
    ]);
    expect(result.failures[0]!.error).toContain('no luck');
  });

  it('can call another model, and resume without redoing finished rows', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(8) });
    const controller = new AbortController();
    let finished = 0;
    const worker: RowWorker = async (_row, tools) => {
      const user = await tools.call([{ role: 'user', content: `Play the user: ${tools.prompt}` }], { model: 'mock:simulator?latencyMs=5' });
      const answer = await tools.call([{ role: 'user', content: user }]);
      if (++finished === 3) controller.abort();
      return { summary: answer.slice(0, 10), turns: 1 };
    };
    const options = { instruction: 'x {text}', responseSchema: outputSchema, model: 'mock:default?latencyMs=5', worker, concurrency: 1 } as const;
    const first = await swarm.run(table.id, { ...options, abortSignal: controller.signal });
    expect(first.stopped?.reason).toBe('aborted');
    // The row whose worker saw the abort had already finished its calls: it is kept.
    expect(first.completed).toBe(3);
    const second = await swarm.run(table.id, options);
    expect(second).toMatchObject({ skipped: 3, completed: 5, failed: 0 });
  });
});
