import { mkdirSync, mkdtempSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const schema = JSON.stringify({ type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] });

function workspace(files: Record<string, string>): { cwd: string; write: (file: string, text: string) => void } {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-rerun-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
    writeFileSync(path.join(cwd, file), text);
  };
  for (const [file, text] of Object.entries(files)) write(file, text);
  return { cwd, write };
}

async function runOver(source: string[], cwd: string) {
  const result = await runCli(['run', ...source, '--instruction', 'Summarize {file}', '--schema', schema, '--model', 'mock', '--json'], { cwd });
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { table: string; completed: number; skipped: number };
}

describe('re-running a one-shot command over files', () => {
  it('a glob that matches another set of files, or files that changed, makes a new table; the same files resume', async () => {
    const { cwd, write } = workspace({ 'docs/a.md': '# A', 'docs/b.md': '# B' });
    const glob = ['--glob', 'docs/*.md'];
    const first = await runOver(glob, cwd);
    expect(first).toMatchObject({ completed: 2, skipped: 0 });
    expect(await runOver(glob, cwd)).toMatchObject({ table: first.table, completed: 0, skipped: 2 });

    write('docs/c.md', '# C');
    const added = await runOver(glob, cwd);
    expect(added.table).not.toBe(first.table);
    expect(added).toMatchObject({ completed: 3, skipped: 0 });
    expect(await runOver(glob, cwd)).toMatchObject({ table: added.table, completed: 0, skipped: 3 });

    // Same name, new content (and a later modification time).
    write('docs/a.md', '# A, rewritten');
    utimesSync(path.join(cwd, 'docs/a.md'), new Date(), new Date(Date.now() + 5_000));
    const edited = await runOver(glob, cwd);
    expect([first.table, added.table]).not.toContain(edited.table);
    expect(edited).toMatchObject({ completed: 3, skipped: 0 });
  });

  it('files given by name that changed make a new table', async () => {
    const { cwd, write } = workspace({ 'a.md': '# A', 'b.md': '# B' });
    const files = ['--files', 'a.md', 'b.md'];
    const first = await runOver(files, cwd);
    expect(await runOver(files, cwd)).toMatchObject({ table: first.table, skipped: 2 });
    write('b.md', '# B, longer now');
    const edited = await runOver(files, cwd);
    expect(edited.table).not.toBe(first.table);
    expect(edited).toMatchObject({ completed: 2, skipped: 0 });
  });
});
