import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, runCli } from '../support/run-cli.ts';

describe('swarm run --dry-run', () => {
  it('on a table of files estimates the input tokens the run then reports, within ±15 %', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-dry-run-'));
    // Real files of a few kilobytes each: their content, not their names, makes most of each prompt.
    cpSync(path.join(repositoryRoot, 'src/pass'), path.join(cwd, 'files'), { recursive: true, filter: (file) => !file.endsWith('.test.ts') });
    writeFileSync(
      path.join(cwd, 'summary.schema.json'),
      JSON.stringify({ type: 'object', properties: { summary: { type: 'string' }, lines: { type: 'integer' } }, required: ['summary', 'lines'] }),
    );
    const pass = ['run', '--glob', 'files/*.ts', '-i', 'Summarize {file} in one sentence and count its lines.', '-s', 'summary.schema.json', '-m', 'mock', '--json', '--quiet'];

    const dryRun = await runCli([...pass, '--dry-run'], { cwd });
    expect(dryRun.code).toBe(0);
    const estimate = JSON.parse(dryRun.stdout) as { rows: number; calls: number; inputTokens: number };
    const run = await runCli(pass, { cwd });
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { completed: number; usage: { calls: number; inputTokens: number } };

    expect(result.completed).toBe(estimate.rows);
    expect(result.usage.calls).toBe(estimate.calls);
    // The file contents are most of the prompt: an estimate without them is a small fraction of this.
    expect(result.usage.inputTokens).toBeGreaterThan(5_000);
    expect(estimate.inputTokens).toBeGreaterThanOrEqual(result.usage.inputTokens * 0.85);
    expect(estimate.inputTokens).toBeLessThanOrEqual(result.usage.inputTokens * 1.15);
  });
});
