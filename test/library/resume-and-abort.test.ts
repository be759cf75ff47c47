import { describe, expect, it } from 'vitest';
import { answerRows, scriptedModel } from './support/scripted-model.ts';
import { labelSchema, numberedTasks, storedAttempts, tempSwarm } from './support/temp-swarm.ts';

const instruction = 'Is this spam? {text}';
const aborted = { reason: 'aborted', message: 'the pass was aborted; run it again to resume' };

describe('abortSignal, then the same run again', () => {
  it('stops mid-way, then resumes: every row answered once, exactly one result each', async () => {
    const store = tempSwarm();
    const { swarm, query } = store;
    const table = await swarm.create({ tasks: numberedTasks(40) });
    const options = { instruction, responseSchema: labelSchema, model: 'mock:default?latencyMs=20', batchSize: 1, concurrency: 4 };

    const controller = new AbortController();
    let answered = 0;
    const unsubscribe = swarm.subscribe((event) => {
      if (event.type === 'row-end' && ++answered === 8) controller.abort();
    });
    const first = await swarm.run(table.id, { ...options, abortSignal: controller.signal });
    unsubscribe();

    expect(first.stopped).toEqual(aborted);
    expect(first.failed).toBe(0);
    expect(first.completed).toBeGreaterThanOrEqual(8);
    expect(first.completed).toBeLessThan(40);
    expect(first.completed + first.pending).toBe(40);
    expect(query(`SELECT count(*) AS n FROM results WHERE pass_id = ? AND status = 'done'`, first.passId)).toEqual([{ n: first.completed }]);
    expect(query('SELECT status, stop_reason FROM passes')).toEqual([{ status: 'stopped', stop_reason: aborted.message }]);
    expect(await swarm.rows(table.id, { filter: { column: 'label', exists: true } })).toHaveLength(first.completed);

    // A different concurrency is the same pass: only what decides the answers names it.
    const second = await swarm.run(table.id, { ...options, concurrency: 10 });
    expect(second).toMatchObject({ passId: first.passId, completed: 40 - first.completed, failed: 0, skipped: first.completed, pending: 0 });
    expect(second.completed + second.skipped).toBe(40);
    expect(second.stopped).toBeUndefined();

    const results = query<{ row_id: string; status: string; n: number }>(
      'SELECT row_id, status, count(*) AS n FROM results WHERE pass_id = ? GROUP BY row_id ORDER BY row_id',
      first.passId,
    );
    expect(results).toEqual(numberedTasks(40).map((task) => ({ row_id: task.id, status: 'done', n: 1 })));
    // No row was answered twice: calls cut off by the abort record no answer.
    const answeredIds = storedAttempts(store)
      .filter((attempt) => attempt.status === 'ok')
      .flatMap((attempt) => attempt.rowIds)
      .sort();
    expect(answeredIds).toEqual(numberedTasks(40).map((task) => task.id));
    expect(await swarm.rows(table.id, { filter: { column: 'label', exists: false } })).toEqual([]);
    expect(query('SELECT status, stop_reason FROM passes')).toEqual([{ status: 'finished', stop_reason: null }]);
  });

  it('already aborted: makes no call and leaves every row pending', async () => {
    const { swarm } = tempSwarm();
    const scripted = scriptedModel(answerRows(() => ({ label: 'ham', score: 1 })));
    const table = await swarm.create({ tasks: numberedTasks(5) });
    const result = await swarm.run(table.id, { instruction, responseSchema: labelSchema, model: scripted.model, abortSignal: AbortSignal.abort() });
    expect(result).toMatchObject({ completed: 0, failed: 0, skipped: 0, pending: 5, stopped: aborted });
    expect(scripted.calls).toHaveLength(0);
  });
});

describe('running a pass again', () => {
  it('after it finished makes no call', async () => {
    const store = tempSwarm();
    const scripted = scriptedModel(answerRows((id) => ({ label: 'ham', score: Number(id.slice(1)) % 10 })));
    const table = await store.swarm.create({ tasks: numberedTasks(12) });
    const options = { instruction, responseSchema: labelSchema, model: scripted.model };
    const first = await store.swarm.run(table.id, options);
    expect(first).toMatchObject({ completed: 12, skipped: 0 });
    const callsBefore = scripted.calls.length;
    const attemptsBefore = storedAttempts(store).length;
    const rowsBefore = await store.swarm.rows(table.id);

    const again = await store.swarm.run(table.id, options);
    expect(again).toMatchObject({ passId: first.passId, completed: 0, failed: 0, skipped: 12, pending: 0, failures: [] });
    expect(again.usage.calls).toBe(0);
    expect(scripted.calls).toHaveLength(callsBefore);
    expect(storedAttempts(store)).toHaveLength(attemptsBefore);
    expect(await store.swarm.rows(table.id)).toEqual(rowsBefore);
  });

  it('retries the rows that failed, and only those', async () => {
    const store = tempSwarm();
    let healthy = false;
    const scripted = scriptedModel((call) => (call.rowIds[0] === 't02' && !healthy ? '{"label": "unsure"}' : { label: 'spam', score: 4 }));
    const table = await store.swarm.create({ tasks: numberedTasks(3) });
    const options = { instruction, responseSchema: labelSchema, model: scripted.model, batchSize: 1 };
    expect(await store.swarm.run(table.id, options)).toMatchObject({ completed: 2, failed: 1, failures: [{ id: 't02' }] });

    healthy = true;
    const callsBefore = scripted.calls.length;
    const again = await store.swarm.run(table.id, options);
    expect(again).toMatchObject({ completed: 1, failed: 0, skipped: 2, failures: [] });
    expect(scripted.calls.slice(callsBefore).map((call) => call.rowIds)).toEqual([['t02']]);
    expect(store.query('SELECT row_id, status, error, raw_output FROM results ORDER BY row_id')).toEqual([
      { row_id: 't01', status: 'done', error: null, raw_output: null },
      { row_id: 't02', status: 'done', error: null, raw_output: null },
      { row_id: 't03', status: 'done', error: null, raw_output: null },
    ]);
  });

  it('with a different instruction is a new pass', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(3) });
    const first = await swarm.run(table.id, { instruction, responseSchema: labelSchema, model: 'mock' });
    const other = await swarm.run(table.id, { instruction: 'Is this ham? {text}', responseSchema: labelSchema, model: 'mock', overwrite: true });
    expect(other.passId).not.toBe(first.passId);
    expect(other).toMatchObject({ completed: 3, skipped: 0 });
  });
});
