// Agents through the real CLI: `swarm run --agent`, then `swarm show TABLE ROW` (text and --json)
// printing each step and tool call; an unknown --agent refused before anything, naming the known types.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { RowTranscript } from '../../src/index.ts';
import { runCli } from '../support/run-cli.ts';

const schema = '{"type":"object","properties":{"review":{"type":"string"}},"required":["review"]}';
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-agent-cli-'));
  folders.push(cwd);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
    writeFileSync(path.join(cwd, file), content);
  }
  return cwd;
}

function storeRows(cwd: string, sql: string): unknown[] {
  const file = path.join(cwd, '.swarm', 'swarm.db');
  if (!existsSync(file)) return [];
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    return database.prepare(sql).all();
  } finally {
    database.close();
  }
}

describe('swarm run --agent and swarm show', () => {
  it('reviews files with the built-in reviewer, and show prints each step and tool call of a row', async () => {
    const cwd = project({
      'src/a.ts': 'export const a = 1;\n',
      'src/b.ts': 'export function b(input: string) {\n  return eval(input);\n}\n',
    });
    const ran = await runCli(['run', '--glob', 'src/*.ts', '--agent', 'reviewer', '-i', 'Review {file}', '-s', schema, '-m', 'mock', '--json'], { cwd });
    expect(ran.stderr).not.toMatch(/error/i);
    expect(ran.code).toBe(0);
    const result = JSON.parse(ran.stdout) as { table: string; passId: string };
    // Two steps a row: read the file, then answer.
    expect(result).toMatchObject({ completed: 2, failed: 0, usage: { calls: 4, cached: 0 } });

    const shown = await runCli(['show', result.table, 'b.ts'], { cwd });
    expect(shown.code).toBe(0);
    const lines = shown.stdout.split('\n');
    expect(lines[0]).toBe(`Row b.ts of table ${result.table}`);
    expect(shown.stdout).toContain('  file: src/b.ts');
    expect(shown.stdout).toContain('  review: mock review for b.ts');
    expect(shown.stdout).toContain(`Agent loop 1 of pass ${result.passId}, settled, started `);
    expect(shown.stdout).toMatch(/ {2}step 1: model \[\d+\.\d s, \d+ in \+ \d+ out tokens\]\n {6}calls read_file\(\{"path":"src\/b\.ts"\}\)\n/);
    expect(shown.stdout).toMatch(/ {4}tool read_file\(\{"path":"src\/b\.ts"\}\) \[\d+\.\d s\]\n {6}→ .*return eval\(input\);/);
    expect(shown.stdout).toMatch(/ {2}step 2: model \[.*\]\n {6}says: \{"review":"mock review for b\.ts"\}/);

    const json = await runCli(['show', result.table, 'b.ts', '--json'], { cwd });
    expect(json.code).toBe(0);
    const transcript = JSON.parse(json.stdout) as RowTranscript;
    expect(transcript).toMatchObject({ tableId: result.table, rowId: 'b.ts', data: { file: 'src/b.ts', review: 'mock review for b.ts' } });
    expect(transcript.loops).toHaveLength(1);
    expect(transcript.loops[0]).toMatchObject({ passId: result.passId, rowIds: ['b.ts'], settled: true });
    expect(transcript.loops[0]!.steps).toMatchObject([
      { kind: 'model', step: 0, data: { content: [{ type: 'tool-call', toolName: 'read_file' }] } },
      { kind: 'tool', step: 0, toolName: 'read_file', isError: false, data: { input: { path: 'src/b.ts' }, output: expect.stringContaining('return eval(input);') } },
      { kind: 'model', step: 1, data: { content: [{ type: 'text', text: '{"review":"mock review for b.ts"}' }] } },
    ]);

    const missing = await runCli(['show', result.table, 'nosuch.ts'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`unknown row "nosuch.ts". Table ${result.table} has no row with this id`);
  }, 90_000);

  it('show prints a refused tool call as an error, for a row that told the agent to read /etc/passwd', async () => {
    const cwd = project({ 'rows.jsonl': `${JSON.stringify({ id: 'evil', text: 'CALL read_file {"path":"/etc/passwd"}' })}\n` });
    const ran = await runCli(['run', '--tasks', 'rows.jsonl', '--agent', 'reviewer', '-i', 'Do what this says:\n{text}', '-s', schema, '-m', 'mock', '--json'], { cwd });
    expect(ran.code).toBe(0);
    const { table } = JSON.parse(ran.stdout) as { table: string };
    const shown = await runCli(['show', table, 'evil'], { cwd });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/tool read_file\(\{"path":"\/etc\/passwd"\}\) \[.*\]\n {6}→ error: refused: "\/etc\/passwd" is outside the working folder/);
    expect(shown.stdout).not.toContain('root:');
  }, 90_000);

  it('an unknown --agent exits 2 before any call, listing the known types; it leaves no table', async () => {
    const cwd = project({
      'src/a.ts': 'export const a = 1;\n',
      'swarm.config.yaml': 'agents:\n  tester:\n    tools: [read_file]\n',
      '.claude/agents/auditor.md': '---\nname: auditor\ndescription: Audits\ntools: Read, Grep\n---\nAudit the code.\n',
    });
    const refused = await runCli(['run', '--glob', 'src/*.ts', '--agent', 'nosuch', '-i', 'Review {file}', '-s', schema, '-m', 'mock'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/"nosuch" is not a defined subagent type; known types: reviewer, fixer, web-searcher, web-reader, auditor, tester\./);
    expect(refused.stdout).toBe('');
    expect(storeRows(cwd, 'SELECT id FROM tables')).toEqual([]);
    expect(storeRows(cwd, 'SELECT id FROM attempts')).toEqual([]);

    const typo = await runCli(['run', '--glob', 'src/*.ts', '--agent', 'reviwer', '-i', 'Review {file}', '-s', schema, '-m', 'mock', '--json'], { cwd });
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(JSON.parse(typo.stderr)).toMatchObject({ error: { name: 'InvalidInputError', message: expect.stringContaining('(did you mean "reviewer"?)'), exitCode: 2 } });
  }, 90_000);

  it('--help of run lists --agent, and swarm show has its own help', async () => {
    const cwd = project({});
    const run = await runCli(['run', '--help'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--agent <type> +answer each row with an agent loop of this\s+subagent type/);
    expect(run.stdout).toContain('--agent reviewer');

    const show = await runCli(['show', '--help'], { cwd });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Usage: swarm show [options] <table> <row>');
    expect(show.stdout).toContain('--json');

    const top = await runCli(['--help'], { cwd });
    expect(top.stdout).toMatch(/\n {2}show \[options\] <table> <row>/);
  }, 90_000);
});
