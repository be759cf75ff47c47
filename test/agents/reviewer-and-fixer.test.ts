// The swarm-tables seed's subagentType examples, as written, on the built-in mock model: the
// built-in `reviewer` reads each file with its tools and answers per row; the `fixer` edits them.
// Every step is recorded (attempts and the row's transcript) and a second run repeats nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { storedAttempts, tempSwarm } from '../library/support/temp-swarm.ts';

const files = {
  'src/auth.ts': 'export function login(user: string) {\n  return db.query(`SELECT * FROM users WHERE name = ${user}`);\n}\n',
  'src/util.ts': 'export const add = (a: number, b: number) => a + b;\n',
  'src/paths.ts': "import { join } from 'node:path';\nexport const file = (name: string) => join('/data', name);\n",
};

describe('subagentType on the mock model', () => {
  it('reviewer: each row is an agent loop that reads its file, answers the schema, and is recorded step by step', async () => {
    const temp = tempSwarm();
    for (const [file, content] of Object.entries(files)) temp.write(file, content);
    const table = await temp.swarm.create({ glob: 'src/**/*.ts' });
    const options = {
      subagentType: 'reviewer',
      instruction: "Review {file} for security issues. List findings or write 'no issues'.",
      context: 'TypeScript Express backend using Prisma ORM. Focus on injection, auth bypass, path traversal.',
      responseSchema: { type: 'object', properties: { review: { type: 'string' } }, required: ['review'] },
      model: 'mock',
    };
    // The dry run counts each loop at two calls (a step with a tool, then the answer), as this run makes.
    const estimate = await temp.swarm.estimate(table.id, options);
    expect(estimate).toMatchObject({ rows: 3, calls: 6, agentLoops: { countedCallsPerLoop: 2, maxCallsPerLoop: 21 } });
    const result = await temp.swarm.run(table.id, options);
    expect(result).toMatchObject({ completed: 3, failed: 0, skipped: 0 });
    const rows = await temp.swarm.rows(table.id);
    for (const row of rows) expect(typeof row.review).toBe('string');

    // Two model steps per row (read, then answer), each an attempt with tokens; never from the cache.
    const attempts = storedAttempts(temp);
    expect(attempts).toHaveLength(6);
    for (const attempt of attempts) expect(attempt).toMatchObject({ status: 'ok' });
    expect(result.usage).toMatchObject({ calls: 6, cached: 0 });

    const auth = rows.find((row) => row.file === 'src/auth.ts')!;
    const transcript = await temp.swarm.transcript(table.id, String(auth.id));
    expect(transcript.loops).toHaveLength(1);
    const [loop] = transcript.loops;
    expect(loop!.settled).toBe(true);
    expect(loop!.steps.map((step) => (step.kind === 'tool' ? `tool ${step.toolName}` : `model ${step.step}`))).toEqual(['model 0', 'tool read_file', 'model 1']);
    const read = loop!.steps[1]!;
    expect(read.kind === 'tool' && read.isError).toBe(false);
    expect(JSON.stringify(read.data)).toContain('SELECT * FROM users');

    // The same run again: every row is done, nothing is called.
    const again = await temp.swarm.run(table.id, options);
    expect(again).toMatchObject({ completed: 0, skipped: 3 });
    expect(storedAttempts(temp)).toHaveLength(6);
  });

  it('fixer: edits the files inside its root, and the seed\'s retry-the-failed pass finds nothing left to do', async () => {
    const temp = tempSwarm();
    for (const [file, content] of Object.entries(files)) temp.write(file, content);
    const table = await temp.swarm.create({ glob: 'src/**/*.ts' });
    const fixedSchema = { type: 'object', properties: { fixed: { type: 'boolean' }, summary: { type: 'string' } }, required: ['fixed', 'summary'] };
    const options = { subagentType: 'fixer', instruction: 'Add missing JSDoc to all exported functions in {file}.', responseSchema: fixedSchema, model: 'mock' };
    expect(await temp.swarm.run(table.id, options)).toMatchObject({ completed: 3, failed: 0 });
    // The mock's fixer script marks each file it read, above its first line, through edit_file.
    for (const [file, content] of Object.entries(files)) {
      expect(readFileSync(path.join(temp.cwd, file), 'utf8')).toBe(`// Checked by the Swarm mock model.\n${content}`);
    }
    const retry = await temp.swarm.run(table.id, { ...options, filter: { column: 'fixed', exists: false } });
    expect(retry).toMatchObject({ completed: 0, failed: 0 });
  });

  it('an unknown subagentType fails before any call, listing the known types', async () => {
    const temp = tempSwarm();
    const table = await temp.swarm.create({ tasks: [{ id: 'a', text: 'x' }] });
    await expect(
      temp.swarm.run(table.id, { subagentType: 'reviwer', instruction: 'Do {text}', responseSchema: { type: 'object', properties: { a: { type: 'string' } } }, model: 'mock' }),
    ).rejects.toThrow(/subagentType "reviwer" is not a defined subagent type \(did you mean "reviewer"\?\); known types: reviewer, fixer, web-searcher, web-reader/);
    expect(storedAttempts(temp)).toHaveLength(0);
    expect(temp.query('SELECT * FROM passes')).toHaveLength(0);
  });
});
