import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/run-cli.ts';

/** A working folder with DeepSwarm-style worker outputs under `output/`. */
function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-cli-filter-'));
  onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
  mkdirSync(path.join(cwd, 'output'));
  const line = (record: unknown) => JSON.stringify(record);
  writeFileSync(
    path.join(cwd, 'output', 'worker-0.jsonl'),
    [
      line({ seed: 's1', output: 'The first answer, long enough to keep.' }),
      '{"seed": "s2", "output": "A truncated answer, repaired and kept',
      line({ seed: 's3', output: 'tiny' }),
      line({ seed: 's4', output: 7 }),
      'not json {',
    ].join('\n'),
  );
  writeFileSync(path.join(cwd, 'output', 'worker-1.json'), JSON.stringify([{ seed: 's1', output: 'THE FIRST ANSWER,  long enough to keep.' }], null, 2));
  writeFileSync(path.join(cwd, 'schema.json'), JSON.stringify({ type: 'object', required: ['seed', 'output'], properties: { output: { type: 'string' } } }));
  return cwd;
}

const filterArgs = ['filter', '--input-dir', 'output/', '--output', 'clean.jsonl', '--errors', 'errors.jsonl', '--schema', 'schema.json', '--field', 'output', '--min-chars', '10', '--dedupe'];

describe('swarm filter', () => {
  it('writes clean and rejected records and prints the counts per reason', async () => {
    const cwd = workspace();
    const result = await runCli(filterArgs, { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Read 6 records from 2 files',
        '2 clean (1 after JSON repair) → clean.jsonl',
        '4 rejected → errors.jsonl',
        '  invalid-json  1',
        '  schema        1',
        '  too-short     1',
        '  duplicate     1',
        '',
      ].join('\n'),
    );
    const clean = readFileSync(path.join(cwd, 'clean.jsonl'), 'utf8').trim().split('\n').map((text) => JSON.parse(text));
    expect(clean.map((record) => record.seed)).toEqual(['s1', 's2']);
    const errors = readFileSync(path.join(cwd, 'errors.jsonl'), 'utf8').trim().split('\n').map((text) => JSON.parse(text));
    expect(errors.map(({ reason, file, line }) => `${reason} ${file}:${line}`)).toEqual([
      'too-short worker-0.jsonl:3',
      'schema worker-0.jsonl:4',
      'invalid-json worker-0.jsonl:5',
      'duplicate worker-1.json:2',
    ]);
  });

  it('prints the report as JSON with --json', async () => {
    const cwd = workspace();
    const result = await runCli([...filterArgs, '--json'], { cwd });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      files: 2,
      records: 6,
      clean: 2,
      rejected: 4,
      repaired: 1,
      reasons: { 'invalid-json': 1, 'not-object': 0, schema: 1, 'missing-field': 0, 'too-short': 1, 'too-long': 0, duplicate: 1 },
      output: 'clean.jsonl',
      errors: 'errors.jsonl',
    });
  });

  it('exits 2 with a clear message for a missing folder, a folder without outputs, and a bad schema', async () => {
    const cwd = workspace();
    const missing = await runCli(['filter', '--input-dir', 'nowhere', '--output', 'c.jsonl', '--errors', 'e.jsonl'], { cwd });
    expect(missing).toMatchObject({ code: 2, stderr: `swarm: input folder not found: ${path.join(cwd, 'nowhere')}\n` });
    mkdirSync(path.join(cwd, 'empty'));
    const empty = await runCli(['filter', '--input-dir', 'empty', '--output', 'c.jsonl', '--errors', 'e.jsonl'], { cwd });
    expect(empty).toMatchObject({ code: 2, stderr: `swarm: no .jsonl or .json files in ${path.join(cwd, 'empty')}\n` });
    const badSchema = await runCli(['filter', '--input-dir', 'output', '--output', 'c.jsonl', '--errors', 'e.jsonl', '--schema', '{"type": 12}'], { cwd });
    expect(badSchema.code).toBe(2);
    expect(badSchema.stderr).toContain('swarm: schema is not a valid JSON Schema');
    const badNumber = await runCli(['filter', '--input-dir', 'output', '--output', 'c.jsonl', '--errors', 'e.jsonl', '--min-chars', 'ten'], { cwd });
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain('expected a whole number');
  });

  it('has help', async () => {
    const help = await runCli(['filter', '--help'], { cwd: workspace() });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: swarm filter');
    expect(help.stdout).toContain('--dedupe-field <name>');
  });
});

describe('swarm export --format parquet', () => {
  it('writes a Parquet file another reader reads back', async () => {
    const cwd = workspace();
    const created = await runCli(['create', '--tasks', 'output/worker-1.json', '--json'], { cwd });
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.stdout);
    const exported = await runCli(['export', id, '--format', 'parquet', '--out', 'out.parquet', '--json'], { cwd });
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual({ rows: 1, file: path.join(cwd, 'out.parquet') });
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(path.join(cwd, 'out.parquet')) });
    expect(rows).toEqual([{ id: 'r1', seed: 's1', output: 'THE FIRST ANSWER,  long enough to keep.' }]);
  });
});
