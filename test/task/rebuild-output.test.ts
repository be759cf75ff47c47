import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { examplesWorkspace, removeTaskWorkspaces, runSwarm } from './support/task-workspace.ts';

afterAll(removeTaskWorkspaces);

describe('swarm run task.yaml --rebuild-output', () => {
  it('rewrites a lost or damaged output file exactly from the store, without any call', async () => {
    const cwd = examplesWorkspace();
    const task = 'examples/tasks/generation.yaml';
    const output = path.join(cwd, 'examples/tasks/output/generation/generation.jsonl');
    expect((await runSwarm(['run', task, '--quiet'], { cwd })).code).toBe(0);
    const written = readFileSync(output, 'utf8');
    expect(written.trim().split('\n')).toHaveLength(3);

    rmSync(output);
    const rebuilt = await runSwarm(['run', task, '--rebuild-output', '--json'], { cwd });
    expect(rebuilt.code).toBe(0);
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ answered: 3 });
    expect(readFileSync(output, 'utf8')).toBe(written);

    writeFileSync(output, `${written}{"id":"half`);
    await runSwarm(['run', task, '--rebuild-output'], { cwd });
    expect(readFileSync(output, 'utf8')).toBe(written);
  });
});
