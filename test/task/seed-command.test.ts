import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonResult, readRecords, removeTaskWorkspaces, runSwarm, taskWorkspace } from './support/task-workspace.ts';

const task = `task_type: generation
prompt_template: "Write a haiku about {{seed}}."
worker_model: mock
seeds_file: seeds/haiku.jsonl
`;

interface SeedReport {
  file: string;
  existing: number;
  added: number;
  duplicates: number;
  calls: number;
}

afterAll(removeTaskWorkspaces);

/** The seeds file's records, after checking each is `{ id, seed }` and no id or seed text repeats. */
function distinctSeeds(file: string): { id: string; seed: string }[] {
  const seeds = readRecords(file) as { id: string; seed: string }[];
  for (const seed of seeds) expect(Object.keys(seed)).toEqual(['id', 'seed']);
  expect(new Set(seeds.map((seed) => seed.id)).size).toBe(seeds.length);
  expect(new Set(seeds.map((seed) => seed.seed.toLowerCase().replace(/\s+/g, ' ').trim())).size).toBe(seeds.length);
  return seeds;
}

describe('swarm seed --task on the mock model', () => {
  it('writes 30 distinct seeds, appends 10 more for --count 40, and swarm run runs all 40', async () => {
    const cwd = taskWorkspace({ 'task.yaml': task });
    const file = path.join(cwd, 'seeds/haiku.jsonl');

    const first = await runSwarm(['seed', '--task', 'task.yaml', '--count', '30', '--json'], { cwd });
    expect(first.code).toBe(0);
    expect(jsonResult<SeedReport>(first)).toMatchObject({ file, existing: 0, added: 30 });
    expect(distinctSeeds(file)).toHaveLength(30);
    const written = readFileSync(file, 'utf8');

    const second = await runSwarm(['seed', '--task', 'task.yaml', '--count', '40', '--json'], { cwd });
    expect(second.code).toBe(0);
    expect(jsonResult<SeedReport>(second)).toMatchObject({ file, existing: 30, added: 10 });
    expect(distinctSeeds(file)).toHaveLength(40);
    expect(readFileSync(file, 'utf8').startsWith(written)).toBe(true);

    const again = jsonResult<SeedReport>(await runSwarm(['seed', '--task', 'task.yaml', '--count', '40', '--json'], { cwd }));
    expect(again).toMatchObject({ existing: 40, added: 0, calls: 0 });

    const run = await runSwarm(['run', 'task.yaml', '--json', '--quiet'], { cwd });
    expect(run.code).toBe(0);
    const result = jsonResult<{ output: string; completed: number; failed: number; usage: { calls: number } }>(run);
    expect(result).toMatchObject({ completed: 40, failed: 0 });
    expect(result.usage.calls).toBe(40);
    const seeds = new Map(distinctSeeds(file).map((seed) => [seed.id, seed.seed]));
    const records = readRecords(result.output);
    expect(records.map((record) => record.id)).toEqual([...seeds.keys()]);
    for (const record of records) expect(record).toMatchObject({ seed: seeds.get(String(record.id)), output: expect.any(String) });
  });

  it('seeds added after a run cost calls only for the new seeds', async () => {
    const cwd = taskWorkspace({ 'task.yaml': task });
    await runSwarm(['seed', '--task', 'task.yaml', '--count', '30'], { cwd });
    const before = jsonResult<{ usage: { calls: number } }>(await runSwarm(['run', 'task.yaml', '--json', '--quiet'], { cwd }));
    expect(before.usage.calls).toBe(30);

    await runSwarm(['seed', '--task', 'task.yaml', '--count', '40'], { cwd });
    const after = await runSwarm(['run', 'task.yaml', '--json', '--quiet'], { cwd });
    expect(after.code).toBe(0);
    const result = jsonResult<{ output: string; failed: number; usage: { calls: number } }>(after);
    expect(result.failed).toBe(0);
    expect(result.usage.calls).toBe(10);
    expect(readRecords(result.output)).toHaveLength(40);
  });

  it('topping up after a seed was deleted gives the new seeds ids of their own', async () => {
    const cwd = taskWorkspace({ 'task.yaml': task });
    const file = path.join(cwd, 'seeds/haiku.jsonl');
    await runSwarm(['seed', '--task', 'task.yaml', '--count', '5'], { cwd });
    // A user prunes a weak seed, then asks for the file to be full again.
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, [...lines.slice(0, 1), ...lines.slice(2)].join('\n'));
    const report = jsonResult<SeedReport>(await runSwarm(['seed', '--task', 'task.yaml', '--count', '5', '--json'], { cwd }));
    expect(report).toMatchObject({ existing: 4, added: 1 });
    expect(distinctSeeds(file)).toHaveLength(5);

    const run = await runSwarm(['run', 'task.yaml', '--json', '--quiet'], { cwd });
    expect(run.stderr).toBe('');
    expect(jsonResult(run)).toMatchObject({ completed: 5, failed: 0 });
  });
});
