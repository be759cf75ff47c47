import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readNdjson } from '../../src/daemon-client/read-ndjson.ts';
import { runCli } from '../support/run-cli.ts';
import { processGone, startDaemonProcess, type DaemonProcess } from './support/daemon-process.ts';

function workFolder(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-daemon-plans-'));
  onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
  return cwd;
}

const planYaml = (name: string) => `name: ${name}
tasks:
  - id: topic
    description: Name a topic
    schema: { type: object, properties: { label: { type: string } }, required: [label] }
  - id: left
    description: One side of {tasks.topic.label}
    dependsOn: [topic]
  - id: right
    description: The other side of {tasks.topic.label}
    dependsOn: [topic]
  - id: summary
    description: "Sum up: {tasks.left} / {tasks.right}"
    dependsOn: [left, right]
`;

async function kindsOfRuns(daemon: DaemonProcess): Promise<string[]> {
  const { runs } = (await (await daemon.call('GET', '/runs')).json()) as { runs: Array<{ kind: string }> };
  return runs.map((run) => run.kind);
}

describe('swarm plan run and swarm research while the daemon runs', () => {
  it('go through it, with the same output and exit codes as in-process; SWARM_DAEMON=off bypasses it', async () => {
    const cwd = workFolder();
    writeFileSync(path.join(cwd, 'plan.yaml'), planYaml('through'));
    writeFileSync(path.join(cwd, 'local.yaml'), planYaml('local'));
    writeFileSync(path.join(cwd, 'cycle.yaml'), 'tasks:\n  - id: a\n    description: x\n    dependsOn: [b]\n  - id: b\n    description: y\n    dependsOn: [a]\n');
    const daemon = await startDaemonProcess(cwd);

    const through = await runCli(['plan', 'run', 'plan.yaml', '--model', 'mock', '--json'], { cwd });
    expect(through.code, through.stderr).toBe(0);
    const result = JSON.parse(through.stdout) as { id: string; completed: number; tasks: Record<string, { status: string }> };
    expect(result).toMatchObject({ completed: 4, failed: 0, skipped: 0, pending: 0 });
    expect(through.stderr).toContain(`Plan run ${result.id} (through): 4 tasks`);
    expect(through.stderr).toMatch(/completed +summary \(model, /);
    expect(through.stderr).toContain(`Plan run ${result.id} in `);
    expect(await kindsOfRuns(daemon)).toEqual(['plan']);

    const local = await runCli(['plan', 'run', 'local.yaml', '--model', 'mock', '--json'], { cwd, env: { SWARM_DAEMON: 'off' } });
    expect(local.code, local.stderr).toBe(0);
    expect(Object.keys(JSON.parse(local.stdout) as object).sort()).toEqual(Object.keys(result).sort());
    expect(local.stderr.replace(/plan-\w+|local|\d+(\.\d+)? ?m?s\b/g, '…')).toBe(through.stderr.replace(/plan-\w+|through|\d+(\.\d+)? ?m?s\b/g, '…'));
    expect(await kindsOfRuns(daemon)).toEqual(['plan']);

    // An invalid plan is refused before anything is sent, naming its problem (exit 2).
    const cycle = await runCli(['plan', 'run', 'cycle.yaml', '--model', 'mock'], { cwd });
    expect(cycle.code).toBe(2);
    expect(cycle.stderr).toMatch(/cycle/);
    // A goal is planned in the daemon.
    const goal = await runCli(['plan', 'run', '--goal', 'Compare the error handling of two modules', '--model', 'mock', '--json', '--quiet'], { cwd });
    expect(goal.code, goal.stderr).toBe(0);
    expect(JSON.parse(goal.stdout)).toMatchObject({ failed: 0, pending: 0 });
    expect(await kindsOfRuns(daemon)).toEqual(['plan', 'plan']);
    // A plan the daemon refuses (its model unknown there) exits 2 with the daemon's message.
    const unknownModel = await runCli(['plan', 'run', '--goal', 'Compare two modules', '--model', 'nowhere:model'], { cwd });
    expect(unknownModel.code).toBe(2);
    expect(unknownModel.stderr).toContain('nowhere');

    const research = await runCli(['research', 'OpenAI', 'Anthropic', '--topic', 'AI safety', '--model', 'mock', '--sources', '2'], { cwd });
    expect(research.code, research.stderr).toBe(0);
    expect(research.stdout.trim().length).toBeGreaterThan(0);
    expect(research.stdout).not.toMatch(/: (failed|skipped)/);
    expect(await kindsOfRuns(daemon)).toEqual(['research', 'plan', 'plan']);
  }, 180_000);

  it('resume a plan run after the daemon is killed with -9 and started again: completed tasks do not run again', async () => {
    const cwd = workFolder();
    const daemon = await startDaemonProcess(cwd);
    const chain = { tasks: Array.from({ length: 5 }, (_, index) => ({ id: `t${index}`, description: `step ${index}`, ...(index > 0 ? { dependsOn: [`t${index - 1}`] } : {}) })) };
    const { run } = (await (await daemon.call('POST', '/plans', { plan: chain, model: 'mock:default?latencyMs=400' })).json()) as { run: { id: string; progress: { planId: string } } };
    // Killed as soon as its second task has ended.
    for await (const event of readNdjson((await daemon.call('GET', `/runs/${run.id}/events`)).body)) {
      if (event.type === 'task-end' && event.taskId === 't1') break;
    }
    process.kill(daemon.info.pid, 'SIGKILL');
    await processGone(daemon.info.pid);

    const restarted = await startDaemonProcess(cwd);
    await expect
      .poll(async () => ((await (await restarted.call('GET', `/runs/${run.id}`)).json()) as { status: string }).status, { timeout: 60_000, interval: 200 })
      .toBe('completed');
    const ended = (await (await restarted.call('GET', `/runs/${run.id}`)).json()) as { result: { id: string; completed: number } };
    expect(ended.result).toMatchObject({ id: run.progress.planId, completed: 5 });
    const shown = (await (await restarted.call('GET', `/plans/${run.progress.planId}`)).json()) as { status: string; tasks: Array<{ id: string; runs: number }>; events: Array<{ type: string; data: { resumed?: boolean } }> };
    expect(shown.status).toBe('finished');
    expect(shown.tasks.find((task) => task.id === 't0')!.runs).toBe(1);
    expect(shown.tasks.find((task) => task.id === 't1')!.runs).toBe(1);
    expect(shown.events.filter((event) => event.type === 'plan-start').map((event) => event.data.resumed)).toEqual([false, true]);
  }, 180_000);
});
