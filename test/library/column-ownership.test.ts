import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/index.ts';
import { rejection } from './support/rejection.ts';
import { answerRows, scriptedModel } from './support/scripted-model.ts';
import { labelSchema, numberedTasks, tempSwarm } from './support/temp-swarm.ts';

const replySchema = { type: 'object', properties: { reply: { type: 'string' } }, required: ['reply'] };

describe('passes chain', () => {
  it('a later pass filters on an earlier pass column, uses it in its instruction and adds its own', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(20) });
    const first = await swarm.run(table.id, { instruction: 'Is this spam? {text}', responseSchema: labelSchema, model: 'mock' });
    expect(first).toMatchObject({ completed: 20, failed: 0 });
    const spam = await swarm.rows(table.id, { filter: { column: 'label', equals: 'spam' } });
    // The mock answers are fixed per row id; this table has both labels.
    expect(spam.length).toBeGreaterThan(0);
    expect(spam.length).toBeLessThan(20);

    const scripted = scriptedModel(answerRows((id) => ({ reply: `unsubscribe ${id}` })));
    const second = await swarm.run(table.id, {
      instruction: 'Write a reply to {text}, which was labelled {label}',
      responseSchema: replySchema,
      filter: { column: 'label', equals: 'spam' },
      model: scripted.model,
    });
    expect(second).toMatchObject({ completed: spam.length, failed: 0, skipped: 0 });
    expect(scripted.calls.flatMap((call) => call.rowIds).sort()).toEqual(spam.map((row) => row.id));
    expect(scripted.calls[0]!.userText).toContain('<label>spam</label>');

    const [summary] = await swarm.tables();
    expect(summary).toMatchObject({ columns: ['id', 'text', 'label', 'score', 'reply'], passes: 2 });
    for (const row of await swarm.rows(table.id)) {
      if (row.label === 'spam') expect(row).toEqual({ ...spam.find((candidate) => candidate.id === row.id), reply: `unsubscribe ${row.id}` });
      else expect(row).not.toHaveProperty('reply');
    }
  });

  it('running the same pass again is not an overwrite: it resumes', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(4) });
    const options = { instruction: 'Is this spam? {text}', responseSchema: labelSchema, model: 'mock' };
    const first = await swarm.run(table.id, options);
    const again = await swarm.run(table.id, options);
    expect(again).toMatchObject({ passId: first.passId, completed: 0, failed: 0, skipped: 4 });
  });
});

describe('overwriting a column', () => {
  it('that the source wrote is an error naming the column, before any call', async () => {
    const { swarm } = tempSwarm();
    const scripted = scriptedModel(answerRows(() => ({ text: 'rewritten' })));
    const table = await swarm.create({ tasks: numberedTasks(2) });
    const error = await rejection(
      swarm.run(table.id, { instruction: 'Rewrite {text}', responseSchema: { type: 'object', properties: { text: { type: 'string' } } }, model: scripted.model }),
    );
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'column "text" was written by the table source; this pass would overwrite it. Rename the schema property, or pass overwrite: true (--overwrite) to replace it',
    );
    expect(scripted.calls).toHaveLength(0);
    expect((await swarm.rows(table.id)).map((row) => row.text)).toEqual(['message 1', 'message 2']);
  });

  it('that another pass wrote is an error naming that pass, unless overwrite: true', async () => {
    const { swarm, query } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(3) });
    const first = await swarm.run(table.id, { instruction: 'Is this spam? {text}', responseSchema: labelSchema, model: 'mock' });
    const before = await swarm.rows(table.id);

    const scripted = scriptedModel(answerRows(() => ({ label: 'ham', score: 0 })));
    const options = { instruction: 'Is this really spam? {text}', responseSchema: labelSchema, model: scripted.model };
    const error = await rejection(swarm.run(table.id, options));
    expect(error.message).toBe(
      `column "label" was written by pass ${first.passId}; this pass would overwrite it. Rename the schema property, or pass overwrite: true (--overwrite) to replace it`,
    );
    expect(scripted.calls).toHaveLength(0);
    expect(await swarm.rows(table.id)).toEqual(before);

    const second = await swarm.run(table.id, { ...options, overwrite: true });
    expect(second).toMatchObject({ completed: 3, failed: 0 });
    expect(await swarm.rows(table.id)).toEqual(before.map((row) => ({ ...row, label: 'ham', score: 0 })));
    expect((await swarm.tables())[0]!.columns).toEqual(['id', 'text', 'label', 'score']);
    expect(query('SELECT name, written_by FROM columns ORDER BY position')).toEqual([
      { name: 'id', written_by: 'source' },
      { name: 'text', written_by: 'source' },
      { name: 'label', written_by: second.passId },
      { name: 'score', written_by: second.passId },
    ]);
  });

  it('is checked for every schema property, even when only one collides', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(1) });
    await swarm.run(table.id, { instruction: 'Is this spam? {text}', responseSchema: labelSchema, model: 'mock' });
    const schema = { type: 'object', properties: { reply: { type: 'string' }, score: { type: 'number' } } };
    const error = await rejection(swarm.run(table.id, { instruction: 'Reply to {text}', responseSchema: schema, model: 'mock' }));
    expect(error.message).toMatch(/^column "score" was written by pass pass-[0-9a-f]{12}; /);
    expect((await swarm.tables())[0]!.columns).toEqual(['id', 'text', 'label', 'score']);
  });
});
