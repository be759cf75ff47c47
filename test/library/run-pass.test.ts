import { describe, expect, it } from 'vitest';
import { InvalidInputError, ModelConfigError } from '../../src/index.ts';
import { rejection } from './support/rejection.ts';
import { answerRows, scriptedModel } from './support/scripted-model.ts';
import { labelSchema, numberedTasks, storedAttempts, tempSwarm } from './support/temp-swarm.ts';

describe('run(tableId, options)', () => {
  it('answers every row and returns { completed, failed, skipped, failures }', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(12) });
    const result = await swarm.run(table.id, { instruction: 'Is this spam? {text}', responseSchema: labelSchema, model: 'mock' });
    expect(result).toMatchObject({ completed: 12, failed: 0, skipped: 0, pending: 0, failures: [] });
    expect(result.passId).toMatch(/^pass-[0-9a-f]{12}$/);
    expect(result.stopped).toBeUndefined();
  });

  it('turns the schema properties into columns holding each row answer', async () => {
    const { swarm, query } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(12) });
    const result = await swarm.run(table.id, { instruction: 'Is this spam? {text}', responseSchema: labelSchema, model: 'mock' });

    const [summary] = await swarm.tables();
    expect(summary).toMatchObject({ id: table.id, columns: ['id', 'text', 'label', 'score'], passes: 1 });
    const rows = await swarm.rows(table.id);
    expect(rows).toHaveLength(12);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['id', 'text', 'label', 'score']);
      expect(['spam', 'ham']).toContain(row.label);
      expect(Number.isInteger(row.score) && (row.score as number) >= 0 && (row.score as number) <= 10).toBe(true);
    }
    // The columns are exactly what the store recorded as each row's answer.
    const outputs = query<{ row_id: string; status: string; output: string }>(
      'SELECT row_id, status, output FROM results WHERE pass_id = ? ORDER BY row_id',
      result.passId,
    );
    expect(outputs.map((output) => output.status)).toEqual(Array(12).fill('done'));
    expect(outputs.map((output) => ({ id: output.row_id, ...JSON.parse(output.output) }))).toEqual(
      rows.map(({ id, label, score }) => ({ id, label, score })),
    );
  });

  it('gives the same answers in another store: the mock model is deterministic', async () => {
    const first = tempSwarm();
    const second = tempSwarm();
    const options = { instruction: 'Is this spam? {text}', responseSchema: labelSchema, model: 'mock:default?seed=3' };
    await first.swarm.create({ tasks: numberedTasks(6) }, { id: 'same' });
    await second.swarm.create({ tasks: numberedTasks(6) }, { id: 'same' });
    await first.swarm.run('same', options);
    await second.swarm.run('same', { ...options, batchSize: 1 });
    expect(await second.swarm.rows('same')).toEqual(await first.swarm.rows('same'));
  });

  it('keeps every attempt with its status, tokens, cost and latency', async () => {
    const store = tempSwarm();
    const table = await store.swarm.create({ tasks: numberedTasks(3) });
    const result = await store.swarm.run(table.id, { instruction: 'Is this spam? {text}', responseSchema: labelSchema, model: 'mock', batchSize: 1 });
    const attempts = storedAttempts(store);
    expect(attempts.map((attempt) => attempt.rowIds)).toEqual([['t01'], ['t02'], ['t03']]);
    for (const attempt of attempts) {
      // The mock model is priced at zero in the built-in price table.
      expect(attempt).toMatchObject({ passId: result.passId, attempt: 1, status: 'ok', errorClass: null, cost: 0, rawOutput: null });
      expect(attempt.inputTokens).toBeGreaterThan(0);
      expect(attempt.outputTokens).toBeGreaterThan(0);
      expect(attempt.latencyMs).toBeGreaterThanOrEqual(0);
    }
    expect(result.usage).toEqual({
      calls: 3,
      rateLimited: 0,
      retries: 0,
      cached: 0,
      inputTokens: attempts.reduce((sum, attempt) => sum + attempt.inputTokens, 0),
      outputTokens: attempts.reduce((sum, attempt) => sum + attempt.outputTokens, 0),
      cost: 0,
    });
  });

  it('puts the context in the system prompt and each placeholder value beside its row', async () => {
    const { swarm } = tempSwarm();
    const scripted = scriptedModel(answerRows(() => ({ label: 'ham', score: 1 })));
    const table = await swarm.create({ tasks: [{ id: 'a', text: 'hello there', lang: 'en' }] });
    await swarm.run(table.id, {
      instruction: 'Classify {text} written in {lang}',
      context: 'Newsletters are never spam.',
      responseSchema: labelSchema,
      model: scripted.model,
    });
    expect(scripted.calls).toHaveLength(1);
    const [call] = scripted.calls;
    expect(call!.system).toContain('Context:\nNewsletters are never spam.');
    expect(call!.userText).toContain('Classify <text> written in <lang>');
    expect(call!.userText).toContain('<row id="a">\n<text>hello there</text>\n<lang>en</lang>\n</row>');
  });
});

describe('run over file rows', () => {
  it('puts each file content in the prompt when the instruction uses {file}', async () => {
    const { swarm, write } = tempSwarm();
    write('notes/monday.txt', 'buy milk');
    write('notes/tuesday.txt', 'call the bank');
    const scripted = scriptedModel(answerRows((id) => ({ label: id.startsWith('monday') ? 'ham' : 'spam', score: 1 })));
    const table = await swarm.create({ glob: 'notes/*.txt' });
    const result = await swarm.run(table.id, { instruction: 'Summarize {file}', responseSchema: labelSchema, model: scripted.model, batchSize: 2 });
    expect(result).toMatchObject({ completed: 2, failed: 0 });
    expect(scripted.calls[0]!.userText).toContain(
      '<row id="monday.txt">\n<file>notes/monday.txt</file>\n<file_content>\nbuy milk\n</file_content>\n</row>\n' +
        '<row id="tuesday.txt">\n<file>notes/tuesday.txt</file>\n<file_content>\ncall the bank\n</file_content>\n</row>',
    );
    expect(await swarm.rows(table.id, { columns: ['label'] })).toEqual([
      { id: 'monday.txt', label: 'ham' },
      { id: 'tuesday.txt', label: 'spam' },
    ]);
  });
});

describe('run: checks before any call', () => {
  it('names the placeholders no row provides and the available columns, with no call made', async () => {
    const { swarm, query } = tempSwarm();
    const scripted = scriptedModel(answerRows(() => ({ label: 'ham', score: 1 })));
    const table = await swarm.create({ tasks: numberedTasks(3) });
    const error = await rejection(
      swarm.run(table.id, { instruction: 'Reply to {sender} about {text} in {tone}', responseSchema: labelSchema, model: scripted.model }),
    );
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error.message).toBe('instruction uses {sender}, {tone}, which no matched row provides; available columns: id, text');
    expect(scripted.calls).toHaveLength(0);
    expect(query('SELECT count(*) AS n FROM passes')).toEqual([{ n: 0 }]);
    expect((await swarm.tables())[0]!.columns).toEqual(['id', 'text']);
  });

  it('checks placeholders of an empty table against its columns', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: [] });
    const error = await rejection(swarm.run(table.id, { instruction: 'Label {text}', responseSchema: labelSchema, model: 'mock' }));
    expect(error.message).toBe('instruction uses {text}, which no row provides; available columns: id');
    expect(await swarm.run(table.id, { instruction: 'Label {id}', responseSchema: labelSchema, model: 'mock' })).toMatchObject({
      completed: 0,
      failed: 0,
      skipped: 0,
      pending: 0,
    });
  });

  it('checks placeholders against the rows the filter matches', async () => {
    const { swarm } = tempSwarm();
    const scripted = scriptedModel(answerRows(() => ({ label: 'ham', score: 1 })));
    const table = await swarm.create({ tasks: [{ id: 'a', kind: 'mail', subject: 'hi' }, { id: 'b', kind: 'chat' }] });
    const options = { instruction: 'Label {subject}', responseSchema: labelSchema, model: scripted.model };
    const error = await rejection(swarm.run(table.id, { ...options, filter: { column: 'kind', equals: 'chat' } }));
    expect(error.message).toBe('instruction uses {subject}, which no matched row provides; available columns: id, kind, subject');
    expect(scripted.calls).toHaveLength(0);
    const result = await swarm.run(table.id, { ...options, filter: { column: 'kind', equals: 'mail' } });
    expect(result).toMatchObject({ completed: 1, failed: 0, skipped: 0 });
    expect(scripted.calls.map((call) => call.rowIds)).toEqual([['a']]);
  });

  it('refuses an unknown subagentType, listing the known types', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(1) });
    const error = await rejection(
      swarm.run(table.id, { instruction: 'Research {text}', responseSchema: labelSchema, model: 'mock', subagentType: 'researcher' }),
    );
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'subagentType "researcher" is not a defined subagent type (did you mean "web-searcher"?); known types: reviewer, fixer, web-searcher, web-reader. Define types under agents: in swarm.config.yaml or in .claude/agents/*.md',
    );
  });

  it('without a model names the choices, mock among them, and stores no pass', async () => {
    const { swarm, query } = tempSwarm({ env: {} });
    const table = await swarm.create({ tasks: numberedTasks(2) });
    const error = await rejection(swarm.run(table.id, { instruction: 'Label {text}', responseSchema: labelSchema }));
    expect(ModelConfigError.isInstance(error)).toBe(true);
    expect(error.message).toContain('no model chosen');
    expect(error.message).toContain('SWARM_MODEL');
    expect(error.message).toContain('`--model mock`');
    expect(query('SELECT count(*) AS n FROM passes')).toEqual([{ n: 0 }]);
  });

  it('takes the model from SWARM_MODEL in the env given to openSwarm', async () => {
    const { swarm } = tempSwarm({ env: { SWARM_MODEL: 'mock' } });
    const table = await swarm.create({ tasks: numberedTasks(2) });
    const result = await swarm.run(table.id, { instruction: 'Label {text}', responseSchema: labelSchema });
    expect(result).toMatchObject({ completed: 2, failed: 0 });
  });

  it('requires a response schema of type "object" with properties, and no "id" property', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(1) });
    const run = (responseSchema: unknown) => rejection(swarm.run(table.id, { instruction: 'x', responseSchema: responseSchema as never, model: 'mock' }));
    expect((await run(undefined)).message).toBe('responseSchema is required: a JSON Schema with type "object"');
    expect((await run({ type: 'array' })).message).toBe(
      'responseSchema must have type "object" (its properties become columns); got type "array"',
    );
    expect((await run({ type: 'object', properties: {} })).message).toContain('needs at least one property');
    expect((await run({ type: 'object', properties: { id: { type: 'string' } } })).message).toContain('"id" is the row id column');
  });

  it('rejects a concurrency below 1', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(1) });
    const error = await rejection(swarm.run(table.id, { instruction: 'x', responseSchema: labelSchema, model: 'mock', concurrency: 0 }));
    expect(error.message).toBe('concurrency must be "auto" or a whole number ≥ 1, got 0');
  });
});

describe('a pass that throws', () => {
  it('is marked stopped with the error, and a key quoted in it is not stored', async () => {
    const key = 'sk-live-quoted-in-an-error-1234';
    const { swarm, query } = tempSwarm({ env: { OPENAI_API_KEY: key } });
    const table = await swarm.create({ tasks: numberedTasks(3) });
    const failing = () => {
      throw new Error(`could not size the batch for key ${key}`);
    };

    await expect(swarm.run(table.id, { instruction: 'Label {text}', responseSchema: labelSchema, model: 'mock', batchSize: failing })).rejects.toThrow('could not size');
    const [pass] = query<{ status: string; stop_reason: string }>('SELECT status, stop_reason FROM passes');
    expect(pass).toEqual({ status: 'stopped', stop_reason: 'error: could not size the batch for key [redacted]' });
  });
});
