import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { numberedSeeds, twoTurnTask } from '../task/support/task-workspace.ts';
import { startDaemonProcess, type DaemonProcess } from './support/daemon-process.ts';

// Two turns a seed: a conversation worker, which the daemon builds from the task file itself.
const task = twoTurnTask;
const seeds = numberedSeeds(6);

interface RunJson {
  output: string;
  completed: number;
  skipped: number;
  failed: number;
  usage: { calls: number };
  pilot?: { samples: Array<{ id: string }>; projected: { rows: number; calls: number } };
}

async function kindsOfRuns(daemon: DaemonProcess): Promise<string[]> {
  const { runs } = (await (await daemon.call('GET', '/runs')).json()) as { runs: Array<{ kind: string }> };
  return runs.map((run) => run.kind);
}

const recordIds = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id);

describe('swarm run task.yaml while the daemon runs', () => {
  it('runs the job there, pilot and all, writing the output file; SWARM_DAEMON=off runs it here', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-daemon-task-'));
    onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
    writeFileSync(path.join(cwd, 'task.yaml'), task);
    writeFileSync(path.join(cwd, 'seeds.jsonl'), seeds);
    writeFileSync(path.join(cwd, 'broken.yaml'), 'task_type: generation\nworker_model: mock\nseeds_file: seeds.jsonl\n');
    const daemon = await startDaemonProcess(cwd);

    const pilotRun = await runCli(['run', 'task.yaml', '--pilot', '2', '--json'], { cwd });
    expect(pilotRun.code, pilotRun.stderr).toBe(0);
    const pilot = JSON.parse(pilotRun.stdout) as RunJson;
    expect(pilot).toMatchObject({ completed: 2, failed: 0, skipped: 0, usage: { calls: 4 } });
    expect(pilot.pilot!.samples.map((sample) => sample.id)).toEqual(['s01', 's02']);
    expect(pilot.pilot!.projected).toMatchObject({ rows: 4, calls: 8 });
    expect(pilotRun.stderr).toContain('The remaining 4 seeds would take about 8 calls');
    expect(recordIds(pilot.output)).toEqual(['s01', 's02']);
    expect(await kindsOfRuns(daemon)).toEqual(['task-file']);

    const full = await runCli(['run', 'task.yaml', '--json'], { cwd });
    expect(full.code, full.stderr).toBe(0);
    expect(JSON.parse(full.stdout)).toMatchObject({ completed: 4, skipped: 2, failed: 0, usage: { calls: 8 } });
    expect(full.stderr).toMatch(/Output: /);
    expect(recordIds(pilot.output)).toEqual(['s01', 's02', 's03', 's04', 's05', 's06']);
    expect(await kindsOfRuns(daemon)).toEqual(['task-file', 'task-file']);

    // A task file with a problem is refused by the command, before anything is sent.
    const broken = await runCli(['run', 'broken.yaml'], { cwd });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('prompt_template');
    // Sent anyway, the daemon refuses it the same way, and keeps no run.
    const refused = await daemon.call('POST', '/task-files', { file: 'broken.yaml' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('prompt_template');
    expect((await daemon.call('POST', '/task-files', { file: 'missing.yaml' })).status).toBe(400);

    const here = await runCli(['run', 'task.yaml', '--json', '--quiet'], { cwd, env: { SWARM_DAEMON: 'off' } });
    expect(here.code, here.stderr).toBe(0);
    expect(JSON.parse(here.stdout)).toMatchObject({ completed: 0, skipped: 6 });
    expect(await kindsOfRuns(daemon)).toEqual(['task-file', 'task-file']);
  }, 180_000);
});
