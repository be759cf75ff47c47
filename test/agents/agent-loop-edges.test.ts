// The edges of an agent loop on real components: the step limit, a budget cap and an abort cutting
// loops short (and the rerun resuming them without repeating a tool), a batch of rows in one loop,
// answers that do not match the schema, and what is recorded (an attempt per step, never the cache).
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMockModel, type AgentStepRecord, type SwarmConfig } from '../../src/index.ts';
import { scriptedModel } from '../library/support/scripted-model.ts';
import { storedAttempts, tempSwarm, type TempSwarm } from '../library/support/temp-swarm.ts';

const noteSchema = { type: 'object', properties: { note: { type: 'string' } }, required: ['note'], additionalProperties: false };

const agents: SwarmConfig['agents'] = {
  // Its one tool appends a line to log.txt: a tool run twice shows as a line written twice.
  appender: { tools: ['shell'], shell: { allow: ['node'] } },
  hasty: { tools: ['shell'], shell: { allow: ['node'] }, maxSteps: 1 },
  reader: { tools: ['read_file'] },
};

/** A swarm whose agents may run `node append.mjs WORDS`, which appends WORDS to log.txt. */
function appenderSwarm(): TempSwarm & { log(): string[] } {
  const temp = tempSwarm({
    config: { aliases: {}, providers: {}, prices: {}, agents },
    env: { PATH: [path.dirname(process.execPath), process.env.PATH].join(path.delimiter) },
  });
  temp.write('append.mjs', "import { appendFileSync } from 'node:fs';\nappendFileSync('log.txt', process.argv.slice(2).join(' ') + '\\n');\n");
  temp.write('log.txt', '');
  return { ...temp, log: () => readFileSync(path.join(temp.cwd, 'log.txt'), 'utf8').split('\n').filter(Boolean) };
}

/** Rows whose agent runs one tool call (appending the row's id), then answers: two model steps each. */
function appendingRows(count: number): Array<{ id: string; text: string }> {
  return Array.from({ length: count }, (_, index) => ({ id: `r${index + 1}`, text: `CALL shell {"command":"node append.mjs r${index + 1}"}` }));
}

const stepNames = (steps: AgentStepRecord[]) => steps.map((step) => (step.kind === 'tool' ? `tool ${step.toolName}${step.isError ? ' (error)' : ''}` : `model ${step.step}`));

const run = { instruction: 'Do what this row says:\n{text}', responseSchema: noteSchema, model: 'mock', batchSize: 1 } as const;

describe('agent loop edges', () => {
  it('maxSteps: a loop that ends still calling tools is asked once more with tools off, and the row is done', async () => {
    const temp = appenderSwarm();
    const table = await temp.swarm.create({ tasks: appendingRows(1) });
    const mock = createMockModel();
    const prompts: string[] = [];
    const watched: LanguageModelV4 = {
      ...mock,
      doGenerate: (options) => {
        prompts.push(JSON.stringify(options.prompt.at(-1)) + (options.toolChoice?.type === 'none' ? ' [tools off]' : ''));
        return mock.doGenerate(options);
      },
    };
    const result = await temp.swarm.run(table.id, { ...run, subagentType: 'hasty', model: watched });
    expect(result).toMatchObject({ completed: 1, failed: 0, pending: 0 });
    expect((await temp.swarm.rows(table.id))[0]).toMatchObject({ id: 'r1', note: 'mock note for r1' });
    expect(temp.log()).toEqual(['r1']);

    // The one step the type allows (a tool call), the tool, and the extra step asked with tools off.
    const { loops } = await temp.swarm.transcript(table.id, 'r1');
    expect(loops).toHaveLength(1);
    expect(stepNames(loops[0]!.steps)).toEqual(['model 0', 'tool shell', 'model 1']);
    expect(prompts).toHaveLength(2);
    expect(prompts[1]).toMatch(/You have used all 1 steps\. Call no more tools.*\[tools off\]$/);
    expect(storedAttempts(temp)).toHaveLength(2);
  });

  it('a budget cap stops the pass cleanly mid-loop; the rerun without it resumes the loop and repeats no tool', async () => {
    const temp = appenderSwarm();
    const table = await temp.swarm.create({ tasks: appendingRows(4) });
    const options = { ...run, subagentType: 'appender', concurrency: 1 };

    // Two steps a row: r1 takes calls 1 and 2; r2's first step is call 3, its second would be the 4th.
    const capped = await temp.swarm.run(table.id, { ...options, maxCalls: 3 });
    expect(capped).toMatchObject({ completed: 1, failed: 0, pending: 3, stopped: { reason: 'budget', cap: 'maxCalls' } });
    expect(capped.failures).toEqual([]);
    expect(temp.log()).toEqual(['r1', 'r2']);
    const cut = await temp.swarm.transcript(table.id, 'r2');
    expect(cut.loops).toHaveLength(1);
    expect(cut.loops[0]).toMatchObject({ settled: false });
    expect(stepNames(cut.loops[0]!.steps)).toEqual(['model 0', 'tool shell']);
    const rows = await temp.swarm.rows(table.id);
    expect(rows.filter((row) => row.note === undefined).map((row) => row.id)).toEqual(['r2', 'r3', 'r4']);

    const rerun = await temp.swarm.run(table.id, options);
    expect(rerun).toMatchObject({ passId: capped.passId, completed: 3, skipped: 1, failed: 0, pending: 0 });
    expect(rerun.stopped).toBeUndefined();
    // r2's tool call was given back from the record, not run again; the others ran once each.
    expect(temp.log()).toEqual(['r1', 'r2', 'r3', 'r4']);
    const resumed = await temp.swarm.transcript(table.id, 'r2');
    expect(resumed.loops).toHaveLength(1);
    expect(resumed.loops[0]).toMatchObject({ settled: true });
    expect(stepNames(resumed.loops[0]!.steps)).toEqual(['model 0', 'tool shell', 'model 1']);
    // Three calls, then r2's second step and two for each of r3 and r4: no model call repeated either.
    expect(storedAttempts(temp)).toHaveLength(8);
  });

  it('batchSize 3: one loop works three rows and answers { results }, split and validated per row', async () => {
    const temp = tempSwarm({ config: { aliases: {}, providers: {}, prices: {}, agents } });
    for (const id of ['a', 'b', 'c']) temp.write(`${id}.txt`, `the content of ${id}\n`);
    const tasks = ['a', 'b', 'c'].map((id) => ({ id, text: `CALL read_file {"path":"${id}.txt"}` }));
    const table = await temp.swarm.create({ tasks });
    const result = await temp.swarm.run(table.id, { ...run, subagentType: 'reader', batchSize: 3 });
    expect(result).toMatchObject({ completed: 3, failed: 0 });
    expect((await temp.swarm.rows(table.id)).map((row) => [row.id, row.note])).toEqual([
      ['a', 'mock note for a'],
      ['b', 'mock note for b'],
      ['c', 'mock note for c'],
    ]);
    // The three reads in one step, at once; every row's transcript is that one loop.
    for (const id of ['a', 'b', 'c']) {
      const { loops } = await temp.swarm.transcript(table.id, id);
      expect(loops).toHaveLength(1);
      expect(loops[0]!.rowIds).toEqual(['a', 'b', 'c']);
      expect(stepNames(loops[0]!.steps)).toEqual(['model 0', 'tool read_file', 'tool read_file', 'tool read_file', 'model 1']);
    }
    const attempts = storedAttempts(temp);
    expect(attempts.map((attempt) => attempt.rowIds)).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b', 'c'],
    ]);
  });

  it('batchSize 3: a batch answer with one invalid item records the other two and does that row alone', async () => {
    const temp = tempSwarm({ config: { aliases: {}, providers: {}, prices: {}, agents } });
    const table = await temp.swarm.create({ tasks: ['a', 'b', 'c'].map((id) => ({ id, text: `row ${id}` })) });
    const scripted = scriptedModel((call) =>
      call.rowIds.length > 1 ? { results: call.rowIds.map((id) => ({ id, note: id === 'b' ? 42 : `batch note ${id}` })) } : { note: `alone note ${call.rowIds[0]}` },
    );
    const result = await temp.swarm.run(table.id, { ...run, subagentType: 'reader', batchSize: 3, model: scripted.model });
    expect(result).toMatchObject({ completed: 3, failed: 0 });
    expect((await temp.swarm.rows(table.id)).map((row) => [row.id, row.note])).toEqual([
      ['a', 'batch note a'],
      ['b', 'alone note b'],
      ['c', 'batch note c'],
    ]);
    expect(scripted.calls.map((call) => call.rowIds)).toEqual([['a', 'b', 'c'], ['b']]);
    const { loops } = await temp.swarm.transcript(table.id, 'b');
    expect(loops.map((loop) => loop.rowIds)).toEqual([['a', 'b', 'c'], ['b']]);
  });

  it('an abort mid-loop leaves the rows pending; the rerun finishes them without repeating a tool', async () => {
    const temp = appenderSwarm();
    // r1 also calls a tool it does not have: the rejection is recorded once, though the rerun replays its step.
    const tasks = appendingRows(3).map((row) => (row.id === 'r1' ? { ...row, text: `${row.text}\nCALL delete_everything {}` } : row));
    const table = await temp.swarm.create({ tasks });
    const controller = new AbortController();
    const mock = createMockModel();
    // Aborts in r1's second model call: its tool has run and been recorded, its answer not made.
    const aborting: LanguageModelV4 = {
      ...mock,
      doGenerate: (options) => {
        if (options.prompt.some((message) => message.role === 'tool')) controller.abort();
        return mock.doGenerate(options);
      },
    };
    const options = { ...run, subagentType: 'appender', concurrency: 1 };
    const stopped = await temp.swarm.run(table.id, { ...options, model: aborting, abortSignal: controller.signal });
    expect(stopped).toMatchObject({ completed: 0, failed: 0, pending: 3, stopped: { reason: 'aborted' } });
    expect(temp.log()).toEqual(['r1']);
    expect(stepNames((await temp.swarm.transcript(table.id, 'r1')).loops[0]!.steps)).toEqual(['model 0', 'tool shell', 'tool delete_everything (error)']);

    const rerun = await temp.swarm.run(table.id, { ...options, model: mock });
    expect(rerun).toMatchObject({ passId: stopped.passId, completed: 3, failed: 0, pending: 0 });
    expect(temp.log()).toEqual(['r1', 'r2', 'r3']);
    const { loops } = await temp.swarm.transcript(table.id, 'r1');
    expect(loops).toHaveLength(1);
    expect(stepNames(loops[0]!.steps)).toEqual(['model 0', 'tool shell', 'tool delete_everything (error)', 'model 1']);
  });

  it('an answer that is not valid JSON is asked once more with the error, then the row is done', async () => {
    const temp = tempSwarm({ config: { aliases: {}, providers: {}, prices: {}, agents } });
    const table = await temp.swarm.create({ tasks: [{ id: 'a', text: 'anything' }] });
    const scripted = scriptedModel((call) => (call.index === 0 ? 'I looked, and the note is: fine.' : { note: 'fine' }));
    const result = await temp.swarm.run(table.id, { ...run, subagentType: 'reader', model: scripted.model });
    expect(result).toMatchObject({ completed: 1, failed: 0 });
    expect((await temp.swarm.rows(table.id))[0]).toMatchObject({ note: 'fine' });
    expect(scripted.calls).toHaveLength(2);
    expect(scripted.calls[1]!.userText).toMatch(/That answer was rejected: .*Reply again with only the corrected JSON/s);
    expect(scripted.calls[1]!.options.toolChoice).toEqual({ type: 'none' });
    const { loops } = await temp.swarm.transcript(table.id, 'a');
    expect(stepNames(loops[0]!.steps)).toEqual(['model 0', 'model 1']);
  });

  it('an answer that stays invalid fails the row as invalid-output, keeping what the model said', async () => {
    const temp = tempSwarm({ config: { aliases: {}, providers: {}, prices: {}, agents } });
    const table = await temp.swarm.create({ tasks: [{ id: 'a', text: 'anything' }] });
    const scripted = scriptedModel(() => 'Sorry, I cannot answer in JSON.');
    const result = await temp.swarm.run(table.id, { ...run, subagentType: 'reader', model: scripted.model });
    expect(result).toMatchObject({ completed: 0, failed: 1 });
    expect(result.failures).toEqual([{ id: 'a', error: expect.stringMatching(/^invalid answer: /), errorClass: 'invalid-output', rawOutput: 'Sorry, I cannot answer in JSON.' }]);
    expect(scripted.calls).toHaveLength(2);
    const failed = temp.query<{ status: string; error_class: string; raw_output: string }>("SELECT status, error_class, raw_output FROM results WHERE row_id = 'a'");
    expect(failed).toEqual([{ status: 'failed', error_class: 'invalid-output', raw_output: 'Sorry, I cannot answer in JSON.' }]);
  });

  it('records one attempt per model step, with tokens, and never reads or writes the response cache', async () => {
    const temp = appenderSwarm();
    const first = await temp.swarm.create({ tasks: appendingRows(3) });
    const options = { ...run, subagentType: 'appender' };
    expect(await temp.swarm.run(first.id, options)).toMatchObject({ completed: 3, usage: { calls: 6, cached: 0 } });
    const attempts = storedAttempts(temp);
    expect(attempts).toHaveLength(6);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ status: 'ok', rowIds: [expect.stringMatching(/^r\d$/)] });
      expect(attempt.inputTokens).toBeGreaterThan(0);
      expect(attempt.outputTokens).toBeGreaterThan(0);
    }
    // Each row's two steps: the tool call, then the answer.
    for (const id of ['r1', 'r2', 'r3']) expect(attempts.filter((attempt) => attempt.rowIds[0] === id)).toHaveLength(2);

    // The same rows in a new table, the same pass: a model pass would be answered from the cache.
    const second = await temp.swarm.create({ tasks: appendingRows(3) });
    expect(await temp.swarm.run(second.id, options)).toMatchObject({ completed: 3, usage: { calls: 6, cached: 0 } });
    expect(storedAttempts(temp)).toHaveLength(12);
    expect(temp.log()).toHaveLength(6);
    expect(temp.query('SELECT * FROM response_cache')).toEqual([]);

    // The control: a model pass over the same two tables is answered from the cache the second time.
    const summary = { instruction: 'Summarize {text}', responseSchema: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] }, model: 'mock' };
    expect(await temp.swarm.run(first.id, summary)).toMatchObject({ completed: 3, usage: { cached: 0 } });
    expect(await temp.swarm.run(second.id, summary)).toMatchObject({ completed: 3, usage: { calls: 0, cached: expect.any(Number) } });
    expect(temp.query('SELECT * FROM response_cache').length).toBeGreaterThan(0);
  });
});
