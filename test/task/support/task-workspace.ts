import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parse } from 'csv-parse/sync';
import { main } from '../../../src/cli/main.ts';
import type { CliIo } from '../../../src/cli/cli-io.ts';
import { repositoryRoot } from '../../support/run-cli.ts';

const workspaces: string[] = [];

/** What a CLI invocation did: its exit code and everything it wrote. */
export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `swarm <args>` in this process: the same `main` bin/swarm.ts calls, with the same argument
 * parsing, commands and exit codes, minus a Node start-up per call (a second or so each, which
 * this folder's time budget cannot pay dozens of times). `env` is all the CLI sees: no keys leak
 * in from the test's own environment.
 */
export async function runSwarm(args: string[], { cwd, env = {} }: { cwd: string; env?: Record<string, string> }): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => ((stdout += text), true) } as unknown as NodeJS.WriteStream,
    stderr: { write: (text: string) => ((stderr += text), true) } as unknown as NodeJS.WriteStream,
    cwd,
    env: { PATH: process.env.PATH, ...env },
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** A fresh temp folder holding `files` (relative path → text); `removeTaskWorkspaces` deletes it. */
export function taskWorkspace(files: Record<string, string> = {}): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-task-'));
  workspaces.push(cwd);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    writeFileSync(path.join(cwd, name), text);
  }
  return cwd;
}

/** A temp folder with a copy of examples/tasks/ under `examples/tasks/`, as a user would run them. */
export function examplesWorkspace(): string {
  const cwd = taskWorkspace();
  cpSync(path.join(repositoryRoot, 'examples/tasks'), path.join(cwd, 'examples/tasks'), { recursive: true });
  return cwd;
}

/** Deletes every folder `taskWorkspace` made in this test file. */
export function removeTaskWorkspaces(): void {
  for (const cwd of workspaces.splice(0)) rmSync(cwd, { recursive: true, force: true });
}

/** A generation task of two turns a seed on the mock model, over seeds.jsonl (a projection has something to multiply). */
export const twoTurnTask = `task_type: generation
prompt_template: "Write about {{seed}}."
worker_model: mock
seeds_file: seeds.jsonl
multi_turn: true
max_turns: 2
`;

/** `count` seeds as JSONL, `{ id: "s01", seed: "seed text 1", topic }`, each different. */
export function numberedSeeds(count: number): string {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(2, '0');
    return `${JSON.stringify({ id: `s${number}`, seed: `seed text ${index + 1}`, topic: `topic ${index % 3}` })}\n`;
  }).join('');
}

/**
 * The records of a task's output file (or a seeds file), by its extension: JSONL lines, a JSON
 * array, or CSV rows keyed by the header (values as text). JSONL must end at a line boundary.
 */
export function readRecords(file: string): Record<string, unknown>[] {
  const text = readFileSync(file, 'utf8');
  const extension = path.extname(file);
  if (extension === '.csv') return parse(text, { columns: true, skip_empty_lines: true }) as Record<string, unknown>[];
  if (extension === '.json') return JSON.parse(text) as Record<string, unknown>[];
  if (text !== '' && !text.endsWith('\n')) throw new Error(`${file} ends in a partial line: ${JSON.stringify(text.slice(-80))}`);
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The column names of a CSV file's header. */
export function csvHeader(file: string): string[] {
  return (parse(readFileSync(file, 'utf8'), { to_line: 1 }) as string[][])[0]!;
}

/** Runs a read-only query on the store in `cwd/.swarm`; no rows when there is no store. */
export function queryStore<T = Record<string, unknown>>(cwd: string, sql: string): T[] {
  const file = path.join(cwd, '.swarm', 'swarm.db');
  if (!existsSync(file)) return [];
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    return database.prepare(sql).all() as T[];
  } finally {
    database.close();
  }
}

/** The JSON a `--json` run printed on stdout (its last line), or a failure that shows what went wrong. */
export function jsonResult<T = Record<string, unknown>>({ code, stdout, stderr }: CliOutcome): T {
  const last = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`expected JSON on stdout (exit code ${code}); stdout: ${stdout}\nstderr: ${stderr}`);
  }
}
