import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, runCli, spawnCli } from '../support/run-cli.ts';

function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-cli-'));
  cpSync(path.join(repositoryRoot, 'examples'), path.join(cwd, 'examples'), { recursive: true });
  return cwd;
}

const quickStart = ['run', '--tasks', 'examples/reviews.jsonl', '--instruction', 'Classify the sentiment of {text}', '--schema', 'examples/sentiment.schema.json', '--model', 'mock'];

describe('swarm CLI', () => {
  it('runs the quick start, then resumes it with nothing left to do', async () => {
    const cwd = workspace();
    const first = await runCli([...quickStart, '--json'], { cwd });
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(result).toMatchObject({ completed: 30, failed: 0, skipped: 0, pending: 0 });
    expect(first.stderr).toContain('30 completed, 0 failed');

    const again = await runCli([...quickStart, '--json'], { cwd });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ table: result.table, completed: 0, skipped: 30 });
    expect(JSON.parse(again.stdout).usage.calls).toBe(0);

    const rows = await runCli(['rows', result.table, '--columns', 'sentiment', '--limit', '2'], { cwd });
    const lines = rows.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ id: 'rev-001', sentiment: expect.stringMatching(/^(positive|negative|neutral)$/) });
  });

  it('creates a table with --json and exports it as CSV', async () => {
    const cwd = workspace();
    const created = await runCli(['create', '--tasks', 'examples/reviews.jsonl', '--json'], { cwd });
    expect(created.code).toBe(0);
    const table = JSON.parse(created.stdout);
    expect(table).toEqual({ id: expect.any(String), count: 30, columns: ['id', 'text', 'stars'], existing: false });

    const listed = await runCli(['tables', '--json'], { cwd });
    expect(JSON.parse(listed.stdout).map((entry: { id: string }) => entry.id)).toEqual([table.id]);

    const exported = await runCli(['export', table.id, '--format', 'csv', '--out', 'out.csv'], { cwd });
    expect(exported.code).toBe(0);
    const csv = readFileSync(path.join(cwd, 'out.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('id,text,stars');
    expect(csv).toHaveLength(31);
  });

  it('rejects bad input before any work, with exit code 2 and the place named', async () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'bad.jsonl'), '{"id":"a","text":"x"}\n{"id":"b", text}\n');
    const malformed = await runCli(['create', '--tasks', 'bad.jsonl'], { cwd });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('bad.jsonl:2');

    writeFileSync(path.join(cwd, 'dupes.jsonl'), '{"id":"a"}\n{"id":"b"}\n{"id":"a"}\n');
    const duplicates = await runCli(['create', '--tasks', 'dupes.jsonl'], { cwd });
    expect(duplicates.code).toBe(2);
    expect(duplicates.stderr).toContain('duplicate row ids in dupes.jsonl: "a"');

    const noModel = await runCli(['run', '--tasks', 'examples/reviews.jsonl', '-i', 'Classify {text}', '-s', 'examples/sentiment.schema.json'], { cwd });
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain('--model mock');

    const badSchema = await runCli(['run', '--tasks', 'examples/reviews.jsonl', '-i', 'Classify {text}', '-s', '{"type":"string"}', '-m', 'mock'], { cwd });
    expect(badSchema.code).toBe(2);
    expect(badSchema.stderr).toContain('type "object"');

    const unknownTable = await runCli(['rows', 'nope'], { cwd });
    expect(unknownTable.code).toBe(2);
    expect(unknownTable.stderr).toContain('unknown table "nope"');

    // The refused runs took back the table they made: nothing is stored.
    const tables = await runCli(['tables', '--json'], { cwd });
    expect(JSON.parse(tables.stdout)).toEqual([]);
  });

  it('exits 3 when rows failed and names the causes', async () => {
    const cwd = workspace();
    const run = await runCli(
      ['run', '--tasks', 'examples/reviews.jsonl', '-i', 'Classify {text}', '-s', 'examples/sentiment.schema.json', '-m', 'mock:default?malformedRate=1', '--batch-size', '1'],
      { cwd },
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('30 failed');
    expect(run.stderr).toContain('invalid-output × 30');
  });

  // The pass takes ~7.5 s (30 rows, 500 ms each, 2 at a time), long beside a read even on a loaded machine.
  it('lets `swarm rows` read while a pass is writing', { timeout: 60_000 }, async () => {
    const cwd = workspace();
    const created = JSON.parse((await runCli(['create', '--tasks', 'examples/reviews.jsonl', '--json'], { cwd })).stdout);
    const writer = spawnCli(
      ['run', created.id, '-i', 'Classify {text}', '-s', 'examples/sentiment.schema.json', '-m', 'mock:default?latencyMs=500', '--batch-size', '1', '--concurrency', '2', '--quiet'],
      { cwd },
    );
    const seen: number[] = [];
    let finished = false;
    writer.on('close', () => (finished = true));
    while (!finished) {
      const read = await runCli(['rows', created.id, '--filter', '{"column":"sentiment","exists":true}'], { cwd });
      // Until the pass has started, the table has no "sentiment" column to filter on.
      if (read.code === 2 && seen.length === 0 && read.stderr.includes('unknown column "sentiment"')) continue;
      expect(read.code).toBe(0);
      seen.push(read.stdout.trim() === '' ? 0 : read.stdout.trim().split('\n').length);
    }
    expect(seen.some((count) => count > 0 && count < 30)).toBe(true);
    const final = await runCli(['rows', created.id, '--filter', '{"column":"sentiment","exists":true}'], { cwd });
    expect(final.stdout.trim().split('\n')).toHaveLength(30);
  });

  it('prints help for every command', async () => {
    const cwd = workspace();
    for (const command of ['create', 'run', 'rows', 'tables', 'export', 'research']) {
      const help = await runCli([command, '--help'], { cwd });
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: swarm ${command}`);
    }
    const top = await runCli(['--help'], { cwd });
    expect(top.stdout).toContain('Exit codes:');
  });
});
