import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { numberedSeeds, queryStore, removeTaskWorkspaces, runSwarm, taskWorkspace, type CliOutcome } from './support/task-workspace.ts';

/** A valid task; each case changes one thing. Line 4 is seeds_file, line 5 the last. */
const valid = `task_type: generation
prompt_template: "Write about {{seed}}."
worker_model: mock
seeds_file: seeds.jsonl
max_turns: 2
`;

afterAll(removeTaskWorkspaces);

/** Runs the task in a workspace holding `files` (a valid task and seeds unless replaced); checks it was refused before anything ran. */
async function refused(files: Record<string, string>, { spawn = false } = {}): Promise<{ cwd: string; message: string }> {
  const cwd = taskWorkspace({ 'task.yaml': valid, 'seeds.jsonl': numberedSeeds(3), ...files });
  const args = ['run', 'task.yaml', '--json'];
  const outcome: CliOutcome = spawn ? await runCli(args, { cwd }) : await runSwarm(args, { cwd });
  expect(outcome.code).toBe(2);
  expect(outcome.stdout).toBe('');
  expect(queryStore(cwd, 'SELECT id FROM passes')).toEqual([]);
  expect(queryStore(cwd, 'SELECT id FROM attempts')).toEqual([]);
  expect(existsSync(path.join(cwd, 'output'))).toBe(false);
  expect(outcome.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
  // With --json, the error is one line of JSON on stderr.
  const { error } = JSON.parse(outcome.stderr) as { error: { name: string; message: string; exitCode: number } };
  expect(error).toMatchObject({ name: 'InvalidInputError', exitCode: 2 });
  return { cwd, message: `swarm: ${error.message}` };
}

describe('a broken task, seeds file or worker script is refused with exit code 2, before anything runs', () => {
  it('an unknown key: the file, its line, and "did you mean"', async () => {
    const { cwd, message } = await refused({ 'task.yaml': valid.replace('max_turns', 'max_turn') });
    expect(message).toBe(`swarm: ${path.join(cwd, 'task.yaml')}:5: unknown key "max_turn" (did you mean "max_turns"?)`);
  });

  it('YAML that does not parse: the file and the line', async () => {
    const { cwd, message } = await refused({ 'task.yaml': valid.replace('worker_model: mock', 'worker_model: [mock') });
    expect(message).toMatch(new RegExp(`^swarm: ${escapeRegExp(path.join(cwd, 'task.yaml'))}:\\d+: invalid YAML: `));
  });

  it('a value of the wrong type: the key, its line, and what it must be', async () => {
    const { cwd, message } = await refused({ 'task.yaml': valid.replace('max_turns: 2', 'max_turns: three') });
    expect(message).toBe(`swarm: ${path.join(cwd, 'task.yaml')}:5: "max_turns" must be a whole number of turns, 1 or more`);
  });

  it('a missing seeds file: where it was looked for, and how to make one', async () => {
    const { cwd, message } = await refused({ 'task.yaml': valid.replace('seeds.jsonl', 'missing.jsonl') });
    expect(message).toBe(
      `swarm: ${path.join(cwd, 'task.yaml')}:4: "seeds_file" not found: ${path.join(cwd, 'missing.jsonl')} (create it, or generate it with \`swarm seed\`)`,
    );
  });

  it('a malformed line in the seeds JSONL: the seeds file and the line', async () => {
    const { cwd, message } = await refused({ 'seeds.jsonl': '{"id": "a", "seed": "one"}\n{"id": "b", seed: "two"}\n{"id": "c", "seed": "three"}\n' });
    expect(message).toMatch(new RegExp(`^swarm: ${escapeRegExp(path.join(cwd, 'seeds.jsonl'))}:2: invalid JSON`));
  });

  it('a worker script with a syntax error: the script, named, as Node reports it', async () => {
    const task = valid.replace('task_type: generation', 'task_type: custom').replace('max_turns: 2', 'worker_script: worker.ts');
    const { cwd, message } = await refused(
      { 'task.yaml': task, 'worker.ts': 'export default async function (row) {\n  return { output: row.seed ;\n}\n' },
      // Node's own loader, not the test runner's, so the message is what a user sees.
      { spawn: true },
    );
    expect(message).toMatch(new RegExp(`^swarm: ${escapeRegExp(path.join(cwd, 'worker.ts'))}: worker_script could not be loaded: \\S`));
  });

  it('an unknown {column} in prompt_template: the column, and the columns there are', async () => {
    const { cwd, message } = await refused({ 'task.yaml': valid.replace('Write about {{seed}}.', 'Write about {{seed}} on {topik}.') });
    expect(message).toBe(
      `swarm: ${path.join(cwd, 'task.yaml')}: prompt_template uses {topik}, but the seeds have no such column; columns: id, seed, topic (use {{seed}} for the seed text)`,
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
