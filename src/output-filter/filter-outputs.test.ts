import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import { filterOutputs, type FilterOutputsOptions } from './filter-outputs.ts';

/** A working folder with an `output/` folder holding `files`, removed when the test ends. */
function outputFolder(files: Record<string, string>): { root: string; inputDir: string; output: string; errors: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'swarm-filter-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const inputDir = path.join(root, 'output');
  mkdirSync(inputDir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(inputDir, name), content);
  return { root, inputDir, output: path.join(root, 'clean.jsonl'), errors: path.join(root, 'errors.jsonl') };
}

const readJsonLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const answer = (text: string) => JSON.stringify({ output: text });

/** One worker's JSONL output with a record for every reason, and a JSON array file from another. */
const workerFiles = {
  'worker-0.jsonl': [
    JSON.stringify({ id: 1, output: 'A good long answer about cats.' }),
    '',
    answer('short'),
    '```json {"output": "Fenced by the model, still fine."} ```',
    '{"output": "Cut off when the worker died, but long enough',
    "{'output': 'Single quotes and a trailing comma.',}",
    '{{{ not repairable',
    'The model answered in prose.',
    '[1, 2, 3]',
    JSON.stringify({ id: 'x', output: 'An id of the wrong type.' }),
    JSON.stringify({ text: 'No output field here.' }),
    JSON.stringify({ id: 2, output: '  a GOOD long\tanswer   about CATS. ' }),
    answer('x'.repeat(101)),
  ].join('\n'),
  'worker-1.json': `[
  {"output": "From a JSON array, first."},
  {"output": "Second: a \\"quote\\", a ] and a } inside.",
   "nested": [{"a": [1, 2]}]},
  {"output": "Truncated at the end of the arr`,
  'notes.txt': answer('not an output file'),
  '.worker-2.jsonl': answer('a hidden file'),
};

const schema = { type: 'object', properties: { id: { type: 'integer' }, output: { type: 'string' } } };

async function filterWorkers(options: Partial<FilterOutputsOptions> = {}) {
  const folder = outputFolder(workerFiles);
  const report = await filterOutputs({ ...folder, schema, field: 'output', minChars: 10, maxChars: 100, dedupe: true, ...options });
  return { ...folder, report, clean: readJsonLines(folder.output), rejected: readJsonLines(folder.errors) };
}

describe('filterOutputs', () => {
  it('repairs JSON, rejects each record for the first reason that applies, and keeps the rest', async () => {
    const { report, clean, rejected, root } = await filterWorkers();
    expect(clean).toEqual([
      { id: 1, output: 'A good long answer about cats.' },
      { output: 'Fenced by the model, still fine.' },
      { output: 'Cut off when the worker died, but long enough' },
      { output: 'Single quotes and a trailing comma.' },
      { output: 'From a JSON array, first.' },
      { output: 'Second: a "quote", a ] and a } inside.', nested: [{ a: [1, 2] }] },
      { output: 'Truncated at the end of the arr' },
    ]);
    expect(rejected).toEqual([
      { reason: 'too-short', detail: '"output" has 5 characters; at least 10 wanted', file: 'worker-0.jsonl', line: 3, record: { output: 'short' } },
      { reason: 'invalid-json', detail: expect.stringContaining('not valid JSON'), file: 'worker-0.jsonl', line: 7, raw: '{{{ not repairable' },
      {
        reason: 'not-object',
        detail: 'a record must be a JSON object, got a string',
        file: 'worker-0.jsonl',
        line: 8,
        record: 'The model answered in prose.',
        raw: 'The model answered in prose.',
      },
      { reason: 'not-object', detail: 'a record must be a JSON object, got an array', file: 'worker-0.jsonl', line: 9, record: [1, 2, 3] },
      { reason: 'schema', detail: 'record/id must be integer', file: 'worker-0.jsonl', line: 10, record: { id: 'x', output: 'An id of the wrong type.' } },
      { reason: 'missing-field', detail: 'no "output" field (or it is null)', file: 'worker-0.jsonl', line: 11, record: { text: 'No output field here.' } },
      {
        reason: 'duplicate',
        detail: 'same "output" as worker-0.jsonl:1',
        file: 'worker-0.jsonl',
        line: 12,
        record: { id: 2, output: '  a GOOD long\tanswer   about CATS. ' },
      },
      { reason: 'too-long', detail: '"output" has 101 characters; at most 100 wanted', file: 'worker-0.jsonl', line: 13, record: { output: 'x'.repeat(101) } },
    ]);
    expect(report).toMatchObject({
      files: 2,
      records: 15,
      clean: 7,
      rejected: 8,
      repaired: 4,
      reasons: { 'invalid-json': 1, 'not-object': 2, schema: 1, 'missing-field': 1, 'too-short': 1, 'too-long': 1, duplicate: 1 },
    });
    // Both files renamed into place; no temporary file left.
    expect(readdirSync(root).sort()).toEqual(['clean.jsonl', 'errors.jsonl', 'output']);
  });

  it('numbers records in a JSON array by the line they start on', async () => {
    const { rejected } = await filterWorkers({ minChars: 40 });
    expect(rejected.filter((entry) => entry.file === 'worker-1.json').map(({ line, reason }) => ({ line, reason }))).toEqual([
      { line: 2, reason: 'too-short' },
      { line: 3, reason: 'too-short' },
      { line: 5, reason: 'too-short' },
    ]);
  });

  it('measures tokens as characters / 4, rounded up', async () => {
    const folder = outputFolder({ 'a.jsonl': [answer('x'.repeat(8)), answer('x'.repeat(9)), answer('x'.repeat(16)), answer('x'.repeat(17))].join('\n') });
    const report = await filterOutputs({ ...folder, field: 'output', minTokens: 3, maxTokens: 4 });
    expect(readJsonLines(folder.output).map((record) => (record.output as string).length)).toEqual([9, 16]);
    expect(readJsonLines(folder.errors).map(({ reason, detail }) => ({ reason, detail }))).toEqual([
      { reason: 'too-short', detail: '"output" has about 2 tokens; at least 3 wanted' },
      { reason: 'too-long', detail: '"output" has about 5 tokens; at most 4 wanted' },
    ]);
    expect(report.reasons).toMatchObject({ 'too-short': 1, 'too-long': 1 });
  });

  it('without a field, measures and deduplicates whole records (key order, case and whitespace aside)', async () => {
    const folder = outputFolder({
      'a.jsonl': [JSON.stringify({ a: 'Hello  World', b: 1 }), JSON.stringify({ b: 1, a: 'hello world' }), JSON.stringify({ a: 'hello world', b: 2 })].join('\n'),
    });
    const report = await filterOutputs({ ...folder, dedupe: true, maxChars: 26 });
    expect(readJsonLines(folder.output)).toEqual([{ a: 'Hello  World', b: 1 }, { a: 'hello world', b: 2 }]);
    expect(readJsonLines(folder.errors)).toEqual([
      { reason: 'duplicate', detail: 'same record as a.jsonl:1', file: 'a.jsonl', line: 2, record: { b: 1, a: 'hello world' } },
    ]);
    expect(report).toMatchObject({ records: 3, clean: 2, rejected: 1 });
  });

  it('deduplicates on --dedupe-field alone, and rejects records without it', async () => {
    const folder = outputFolder({
      'a.jsonl': [{ prompt: 'Q1', output: 'first' }, { prompt: 'q1 ', output: 'second' }, { output: 'no prompt' }].map((record) => JSON.stringify(record)).join('\n'),
    });
    await filterOutputs({ ...folder, field: 'output', dedupeField: 'prompt' });
    expect(readJsonLines(folder.output)).toEqual([{ prompt: 'Q1', output: 'first' }]);
    expect(readJsonLines(folder.errors).map(({ reason, detail }) => ({ reason, detail }))).toEqual([
      { reason: 'duplicate', detail: 'same "prompt" as a.jsonl:1' },
      { reason: 'missing-field', detail: 'no "prompt" field (or it is null) to deduplicate on' },
    ]);
  });

  it('never reads its own output and errors files, so a re-run gives the same result', async () => {
    const folder = outputFolder({ 'a.jsonl': [answer('one'), answer('two')].join('\n') });
    const inside = { ...folder, output: path.join(folder.inputDir, 'clean.jsonl'), errors: path.join(folder.inputDir, 'errors.jsonl') };
    const first = await filterOutputs(inside);
    const second = await filterOutputs(inside);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ files: 1, records: 2, clean: 2 });
  });

  it('reads a .json file that is not an array as one record', async () => {
    const folder = outputFolder({ 'task-1.json': '\n{\n  "output": "one task per file"\n}\n', 'task-2.json': '"just a string"' });
    const report = await filterOutputs(folder);
    expect(readJsonLines(folder.output)).toEqual([{ output: 'one task per file' }]);
    expect(readJsonLines(folder.errors)).toEqual([
      { reason: 'not-object', detail: 'a record must be a JSON object, got a string', file: 'task-2.json', line: 1, record: 'just a string' },
    ]);
    expect(report).toMatchObject({ files: 2, records: 2 });
  });

  it('explains a missing folder, a folder with no outputs, a bad schema and bad limits, writing nothing', async () => {
    const folder = outputFolder({ 'notes.txt': 'hello', 'a.jsonl': answer('fine') });
    const failure = (options: Partial<FilterOutputsOptions>) => filterOutputs({ ...folder, ...options }).catch((error: unknown) => error);

    const missing = await failure({ inputDir: path.join(folder.root, 'nowhere') });
    expect(InvalidInputError.isInstance(missing)).toBe(true);
    expect((missing as Error).message).toBe(`input folder not found: ${path.join(folder.root, 'nowhere')}`);
    await expect(failure({ inputDir: path.join(folder.inputDir, 'a.jsonl') })).resolves.toMatchObject({ message: expect.stringContaining('input is not a folder') });
    rmSync(path.join(folder.inputDir, 'a.jsonl'));
    await expect(failure({})).resolves.toMatchObject({ name: 'InvalidInputError', message: `no .jsonl or .json files in ${folder.inputDir}` });
    writeFileSync(path.join(folder.inputDir, 'a.jsonl'), answer('fine'));

    await expect(failure({ schema: { type: 'nonsense' } })).resolves.toMatchObject({ message: expect.stringContaining('schema is not a valid JSON Schema') });
    await expect(failure({ schema: ['output'] })).resolves.toMatchObject({ message: expect.stringContaining('schema must be a JSON Schema object') });
    await expect(failure({ minChars: 10, maxChars: 5 })).resolves.toMatchObject({ message: 'minChars (10) is above maxChars (5)' });
    await expect(failure({ maxTokens: -1 })).resolves.toMatchObject({ message: 'maxTokens must be a whole number ≥ 0, got -1' });
    await expect(failure({ errors: folder.output })).resolves.toMatchObject({ message: 'output and errors must be different files' });
    await expect(failure({ output: path.join(folder.root, 'missing', 'clean.jsonl') })).resolves.toMatchObject({ message: expect.stringContaining('no such folder') });
    expect(readdirSync(folder.root)).toEqual(['output']);
  });

  it('stops when aborted, leaving no files behind', async () => {
    const folder = outputFolder({ 'a.jsonl': [answer('one'), answer('two')].join('\n') });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(filterOutputs({ ...folder, abortSignal: controller.signal })).rejects.toThrow('stop');
    expect(existsSync(folder.output) || existsSync(folder.errors)).toBe(false);
    expect(readdirSync(folder.root)).toEqual(['output']);
  });
});
