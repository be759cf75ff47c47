import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonResult, numberedSeeds, readRecords, removeTaskWorkspaces, runSwarm, taskWorkspace, twoTurnTask } from './support/task-workspace.ts';

const task = twoTurnTask;

interface RunJson {
  output: string;
  completed: number;
  skipped: number;
  failed: number;
  pending: number;
  usage: { calls: number };
  pilot?: {
    samples: { id: string; answer: { conversation: unknown[] } }[];
    projected: { rows: number; calls: number; inputTokens: number; outputTokens: number };
    review?: { verdict: string; notes: string };
  };
}

afterAll(removeTaskWorkspaces);

describe('swarm run task.yaml --pilot and --total', () => {
  it('--pilot 2 runs two seeds and shows them, a projection and a review; the full run then skips them', async () => {
    const cwd = taskWorkspace({ 'task.yaml': task, 'seeds.jsonl': numberedSeeds(6) });
    const pilotRun = await runSwarm(['run', 'task.yaml', '--pilot', '2', '--json'], { cwd });
    expect(pilotRun.code).toBe(0);
    const pilot = jsonResult<RunJson>(pilotRun);
    expect(pilot).toMatchObject({ completed: 2, failed: 0, skipped: 0 });
    expect(pilot.usage.calls).toBe(4);
    expect(pilot.pilot!.samples.map((sample) => sample.id)).toEqual(['s01', 's02']);
    for (const sample of pilot.pilot!.samples) expect(sample.answer.conversation).toHaveLength(4);
    expect(pilot.pilot!.projected).toMatchObject({ rows: 4, calls: 8 });
    expect(pilot.pilot!.projected.inputTokens).toBeGreaterThan(0);
    expect(['good', 'needs-changes']).toContain(pilot.pilot!.review?.verdict);
    expect(pilotRun.stderr).toContain('Pilot samples (2):\n  s01: {');
    expect(pilotRun.stderr).toContain('\n  s02: {');
    expect(pilotRun.stderr).toContain('The remaining 4 seeds would take about 8 calls');
    expect(pilotRun.stderr).toMatch(/Orchestrator review \(mock\): (good|needs-changes)\./);
    expect(readRecords(pilot.output).map((record) => record.id)).toEqual(['s01', 's02']);

    const full = jsonResult<RunJson>(await runSwarm(['run', 'task.yaml', '--json', '--quiet'], { cwd }));
    expect(full).toMatchObject({ completed: 4, skipped: 2, failed: 0, pending: 0 });
    expect(full.usage.calls).toBe(8);
    expect(readRecords(full.output).map((record) => record.id)).toEqual(['s01', 's02', 's03', 's04', 's05', 's06']);
  });

  it('--pilot with --total projects what is left of the total, and shows only the pilot rows after a resume', async () => {
    const cwd = taskWorkspace({ 'task.yaml': task, 'seeds.jsonl': numberedSeeds(6) });
    await runSwarm(['run', 'task.yaml', '--total', '3', '--quiet'], { cwd });
    const pilotRun = await runSwarm(['run', 'task.yaml', '--pilot', '1', '--total', '4', '--json'], { cwd });
    const pilot = jsonResult<RunJson>(pilotRun);
    // Three rows were already done: a one-row pilot shows one sample, and one of the four is left.
    expect(pilot.pilot!.samples).toHaveLength(1);
    expect(pilot.pilot!.projected).toMatchObject({ rows: 1 });
    expect(pilotRun.stderr).toContain('Pilot samples (1):');
  });

  it('--total 3 runs the first three seeds, --total 5 two more, and the run without it the last', async () => {
    const cwd = taskWorkspace({ 'task.yaml': task, 'seeds.jsonl': numberedSeeds(6) });
    const first = await runSwarm(['run', 'task.yaml', '--total', '3', '--json', '--quiet'], { cwd });
    expect(first.code).toBe(0);
    const partial = jsonResult<RunJson>(first);
    expect(partial).toMatchObject({ completed: 3, failed: 0, skipped: 0 });
    expect(partial.usage.calls).toBe(6);
    expect(readRecords(partial.output).map((record) => record.id)).toEqual(['s01', 's02', 's03']);

    const more = jsonResult<RunJson>(await runSwarm(['run', 'task.yaml', '--total', '5', '--json', '--quiet'], { cwd }));
    expect(more).toMatchObject({ completed: 2, skipped: 3, failed: 0 });
    expect(readRecords(more.output)).toHaveLength(5);

    const rest = jsonResult<RunJson>(await runSwarm(['run', 'task.yaml', '--json', '--quiet'], { cwd }));
    expect(rest).toMatchObject({ completed: 1, skipped: 5, failed: 0, pending: 0 });
    expect(readRecords(rest.output)).toHaveLength(6);
  });

  it('refuses run flags a task file would ignore (--dry-run, caps), and calls nothing', async () => {
    const cwd = taskWorkspace({ 'task.yaml': task, 'seeds.jsonl': numberedSeeds(2) });
    const refused = await runSwarm(['run', 'task.yaml', '--dry-run', '--max-calls', '3'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--max-calls, --dry-run are not used with a task file (it sets its own models');
    expect(refused.stderr).toContain('use --pilot N');
    expect(existsSync(path.join(cwd, 'output'))).toBe(false);
  });
});
