import { APICallError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { answerRows, scriptedModel } from './support/scripted-model.ts';
import { labelSchema, numberedTasks, storedAttempts, tempSwarm } from './support/temp-swarm.ts';

const instruction = 'Is this spam? {text}';

describe('batch answers', () => {
  it('retries alone the rows a batch answer left out or got wrong, keeping the rest', async () => {
    const store = tempSwarm();
    const batchAnswer = {
      results: [
        { id: 't01', label: 'spam', score: 7 },
        { id: 't02', label: 'maybe', score: 7 },
        { id: 't04', label: 'spam', score: 7 },
      ],
    };
    const scripted = scriptedModel((call) => (call.batch ? batchAnswer : { label: 'ham', score: 2 }));
    const table = await store.swarm.create({ tasks: numberedTasks(4) });
    const result = await store.swarm.run(table.id, { instruction, responseSchema: labelSchema, model: scripted.model, batchSize: 4 });

    expect(result).toMatchObject({ completed: 4, failed: 0, skipped: 0, failures: [] });
    expect(scripted.calls.map((call) => call.rowIds).sort()).toEqual([['t01', 't02', 't03', 't04'], ['t02'], ['t03']]);
    expect(await store.swarm.rows(table.id, { columns: ['label', 'score'] })).toEqual([
      { id: 't01', label: 'spam', score: 7 },
      { id: 't02', label: 'ham', score: 2 },
      { id: 't03', label: 'ham', score: 2 },
      { id: 't04', label: 'spam', score: 7 },
    ]);
    const [batch, ...singles] = storedAttempts(store);
    expect(batch).toMatchObject({
      rowIds: ['t01', 't02', 't03', 't04'],
      status: 'invalid',
      errorClass: 'invalid-output',
      errorMessage: '2 of 4 rows missing or invalid in the batch answer',
      rawOutput: JSON.stringify(batchAnswer),
      inputTokens: 100,
      outputTokens: 10,
      cost: null,
    });
    expect(singles.map((attempt) => [attempt.rowIds, attempt.status])).toEqual(
      expect.arrayContaining([
        [['t02'], 'ok'],
        [['t03'], 'ok'],
      ]),
    );
    // A model passed as an instance has no known price.
    expect(result.usage).toEqual({ calls: 3, rateLimited: 0, retries: 0, cached: 0, inputTokens: 300, outputTokens: 30, cost: undefined });
  });

  it('retries every row alone when the batch answer has no results array', async () => {
    const scripted = scriptedModel((call) => (call.batch ? { answers: [] } : { label: 'spam', score: 1 }));
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(3) });
    const result = await swarm.run(table.id, { instruction, responseSchema: labelSchema, model: scripted.model, batchSize: 3 });
    expect(result).toMatchObject({ completed: 3, failed: 0 });
    expect(scripted.calls.map((call) => call.rowIds).sort()).toEqual([['t01'], ['t01', 't02', 't03'], ['t02'], ['t03']]);
  });
});

describe('invalid JSON', () => {
  it('is repaired with jsonrepair and then validated, with no second call', async () => {
    const store = tempSwarm();
    const broken: Record<string, string> = {
      t01: '{"label": "spam", "score": 4',
      t02: "{label: 'ham', score: 3,}",
      t03: '```json\n{"label": "spam", "score": 10}\n```',
    };
    const scripted = scriptedModel((call) => broken[call.rowIds[0]!]!);
    const table = await store.swarm.create({ tasks: numberedTasks(3) });
    const result = await store.swarm.run(table.id, { instruction, responseSchema: labelSchema, model: scripted.model, batchSize: 1 });
    expect(result).toMatchObject({ completed: 3, failed: 0 });
    expect(scripted.calls).toHaveLength(3);
    expect(storedAttempts(store).map((attempt) => attempt.status)).toEqual(['ok', 'ok', 'ok']);
    expect(await store.swarm.rows(table.id, { columns: ['label', 'score'] })).toEqual([
      { id: 't01', label: 'spam', score: 4 },
      { id: 't02', label: 'ham', score: 3 },
      { id: 't03', label: 'spam', score: 10 },
    ]);
  });

  it('is repaired in batch answers too', async () => {
    const scripted = scriptedModel(() => '{"results": [{"id": "t01", "label": "ham", "score": 1,}, {"id": "t02", "label": "spam", "score": 2}');
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(2) });
    const result = await swarm.run(table.id, { instruction, responseSchema: labelSchema, model: scripted.model, batchSize: 2 });
    expect(result).toMatchObject({ completed: 2, failed: 0 });
    expect(scripted.calls).toHaveLength(1);
    expect(await swarm.rows(table.id, { columns: ['label'] })).toEqual([
      { id: 't01', label: 'ham' },
      { id: 't02', label: 'spam' },
    ]);
  });
});

describe('an invalid answer', () => {
  it('is asked again once, with the validation error, and the corrected answer is kept', async () => {
    const store = tempSwarm();
    const scripted = scriptedModel((call) => (call.index === 0 ? { label: 'maybe', score: 3 } : { label: 'ham', score: 3 }));
    const table = await store.swarm.create({ tasks: numberedTasks(1) });
    const result = await store.swarm.run(table.id, { instruction, responseSchema: labelSchema, model: scripted.model });

    expect(result).toMatchObject({ completed: 1, failed: 0, failures: [] });
    expect(scripted.calls).toHaveLength(2);
    const correction = scripted.calls[1]!;
    expect(correction.rowIds).toEqual(['t01']);
    expect(correction.options.prompt.at(-2)).toEqual({ role: 'assistant', content: [{ type: 'text', text: '{"label":"maybe","score":3}' }] });
    expect(correction.userText).toContain(
      'That answer was rejected: /label must be equal to one of the allowed values. Reply again with only the corrected JSON',
    );
    expect(await store.swarm.rows(table.id)).toEqual([{ id: 't01', text: 'message 1', label: 'ham', score: 3 }]);
    expect(storedAttempts(store).map(({ attempt, status, rawOutput }) => ({ attempt, status, rawOutput }))).toEqual([
      { attempt: 1, status: 'invalid', rawOutput: '{"label":"maybe","score":3}' },
      { attempt: 2, status: 'ok', rawOutput: null },
    ]);
  });

  it('that is still invalid becomes a failure with the raw output kept, after exactly two calls', async () => {
    const store = tempSwarm();
    const answers = ['{"label": "spam", "score": 11}', '{"label": "spam", "score": 12}'];
    const scripted = scriptedModel((call) => (call.rowIds[0] === 't02' ? answers[call.userText.includes('rejected') ? 1 : 0]! : { label: 'ham', score: 0 }));
    const table = await store.swarm.create({ tasks: numberedTasks(3) });
    const result = await store.swarm.run(table.id, { instruction, responseSchema: labelSchema, model: scripted.model, batchSize: 1 });

    const failure = { id: 't02', error: 'invalid answer: /score must be <= 10', errorClass: 'invalid-output', rawOutput: answers[1] };
    expect(result).toMatchObject({ completed: 2, failed: 1, skipped: 0, failures: [failure] });
    expect(scripted.calls.filter((call) => call.rowIds[0] === 't02')).toHaveLength(2);
    expect(scripted.calls[scripted.calls.length - 1]!.userText).toContain('That answer was rejected: /score must be <= 10.');
    expect(store.query(`SELECT row_id, status, error, error_class, raw_output FROM results WHERE status = 'failed'`)).toEqual([
      { row_id: 't02', status: 'failed', error: failure.error, error_class: 'invalid-output', raw_output: answers[1] },
    ]);
    expect(
      storedAttempts(store)
        .filter((attempt) => attempt.rowIds[0] === 't02')
        .map(({ attempt, status, errorClass, rawOutput }) => ({ attempt, status, errorClass, rawOutput })),
    ).toEqual([
      { attempt: 1, status: 'invalid', errorClass: 'invalid-output', rawOutput: answers[0] },
      { attempt: 2, status: 'invalid', errorClass: 'invalid-output', rawOutput: answers[1] },
    ]);
    // The failed row gets no columns; the others do.
    expect(await store.swarm.rows(table.id, { columns: ['label'] })).toEqual([{ id: 't01', label: 'ham' }, { id: 't02' }, { id: 't03', label: 'ham' }]);
  });

  it('drops properties outside the schema when additional ones are allowed', async () => {
    const scripted = scriptedModel(() => ({ label: 'ham', note: 'extra' }));
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(1) });
    await swarm.run(table.id, { instruction, responseSchema: { type: 'object', properties: { label: { type: 'string' } } }, model: scripted.model });
    expect(await swarm.rows(table.id)).toEqual([{ id: 't01', text: 'message 1', label: 'ham' }]);
    expect((await swarm.tables())[0]!.columns).toEqual(['id', 'text', 'label']);
  });
});

describe('provider errors', () => {
  it('fail a batch into single calls, and a request that can never succeed fails only its row', async () => {
    const store = tempSwarm();
    const scripted = scriptedModel((call) => {
      if (call.rowIds.includes('t02')) {
        throw new APICallError({ message: 'prompt too long', url: 'test://', requestBodyValues: {}, statusCode: 400, isRetryable: false });
      }
      return answerRows(() => ({ label: 'ham', score: 5 }))(call);
    });
    const table = await store.swarm.create({ tasks: numberedTasks(3) });
    const result = await store.swarm.run(table.id, { instruction, responseSchema: labelSchema, model: scripted.model, batchSize: 3 });
    expect(result).toMatchObject({
      completed: 2,
      failed: 1,
      failures: [{ id: 't02', error: '400: prompt too long', errorClass: 'bad-request' }],
    });
    const errors = storedAttempts(store).filter((attempt) => attempt.status === 'error');
    expect(errors.map(({ rowIds, errorClass, errorMessage }) => ({ rowIds, errorClass, errorMessage }))).toEqual([
      { rowIds: ['t01', 't02', 't03'], errorClass: 'bad-request', errorMessage: '400: prompt too long' },
      { rowIds: ['t02'], errorClass: 'bad-request', errorMessage: '400: prompt too long' },
    ]);
  });

  it('that are transient are retried, each attempt kept', async () => {
    const store = tempSwarm();
    const scripted = scriptedModel((call) => {
      if (call.index === 0) {
        throw new APICallError({
          message: 'Service Unavailable',
          url: 'test://',
          requestBodyValues: {},
          statusCode: 503,
          responseHeaders: { 'retry-after-ms': '0' },
          isRetryable: true,
        });
      }
      return { label: 'spam', score: 8 };
    });
    const table = await store.swarm.create({ tasks: numberedTasks(1) });
    const result = await store.swarm.run(table.id, { instruction, responseSchema: labelSchema, model: scripted.model });
    expect(result).toMatchObject({ completed: 1, failed: 0 });
    expect(storedAttempts(store).map(({ attempt, status, errorClass, inputTokens }) => ({ attempt, status, errorClass, inputTokens }))).toEqual([
      { attempt: 1, status: 'error', errorClass: 'server-error', inputTokens: 0 },
      { attempt: 2, status: 'ok', errorClass: null, inputTokens: 100 },
    ]);
  });
});

describe('provider errors that stop the pass', () => {
  it('an auth error stops it, leaving the unanswered rows pending for a later run', async () => {
    const store = tempSwarm();
    const scripted = scriptedModel(() => {
      throw new APICallError({ message: 'invalid x-api-key', url: 'test://', requestBodyValues: {}, statusCode: 401, isRetryable: false });
    });
    const table = await store.swarm.create({ tasks: numberedTasks(3) });
    const result = await store.swarm.run(table.id, { instruction, responseSchema: labelSchema, model: scripted.model, batchSize: 1, concurrency: 1 });
    expect(result).toMatchObject({
      completed: 0,
      failed: 0,
      pending: 3,
      failures: [],
      stopped: { reason: 'provider', message: expect.stringMatching(/^auth: 401: invalid x-api-key \(/) },
    });
    expect(scripted.calls).toHaveLength(1);
    expect(storedAttempts(store).map(({ status, errorClass }) => ({ status, errorClass }))).toEqual([{ status: 'error', errorClass: 'auth' }]);
    expect(store.query('SELECT count(*) AS n FROM results')).toEqual([{ n: 0 }]);
  });

  it('a call past timeoutMs is cut off and recorded as a timeout', async () => {
    const store = tempSwarm();
    const scripted = scriptedModel(() => ({ label: 'ham', score: 1 }), { latencyMs: 1000 });
    const table = await store.swarm.create({ tasks: numberedTasks(1) });
    const result = await store.swarm.run(table.id, { instruction, responseSchema: labelSchema, model: scripted.model, timeoutMs: 20, maxAttempts: 1 });
    expect(result).toMatchObject({ completed: 0, failed: 1, failures: [{ id: 't01', error: 'no answer within 20 ms', errorClass: 'timeout' }] });
    expect(storedAttempts(store).map(({ status, errorClass, errorMessage }) => ({ status, errorClass, errorMessage }))).toEqual([
      { status: 'error', errorClass: 'timeout', errorMessage: 'no answer within 20 ms' },
    ]);
  });
});

describe('the mock model with malformedRate', () => {
  it('breaks some answers; most are corrected, a row still wrong on the second try fails with its raw output', async () => {
    const store = tempSwarm();
    const table = await store.swarm.create({ tasks: numberedTasks(30) });
    const result = await store.swarm.run(table.id, {
      instruction,
      responseSchema: labelSchema,
      // One call at a time: the mock's breakage follows its call order, so the outcome is fixed.
      // (A row asked again queues behind the next row's first call.)
      model: 'mock:default?malformedRate=0.3&seed=3',
      batchSize: 1,
      concurrency: 1,
    });
    // The second answer for t01 has a label of the wrong type: the row fails with that raw output.
    const problem = '/label must be string; /label must be equal to one of the allowed values';
    expect(result).toMatchObject({
      completed: 29,
      failed: 1,
      failures: [{ id: 't01', error: `invalid answer: ${problem}`, errorClass: 'invalid-output', rawOutput: '{"label":12345,"score":5}' }],
    });
    const invalid = storedAttempts(store).filter((attempt) => attempt.status === 'invalid');
    expect(invalid.length).toBeGreaterThan(2);
    for (const attempt of invalid) expect(attempt).toMatchObject({ errorClass: 'invalid-output', rawOutput: expect.any(String) });
    expect(await store.swarm.rows(table.id, { filter: { column: 'label', exists: false } })).toEqual([{ id: 't01', text: 'message 1' }]);
  });
});
