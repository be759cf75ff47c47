import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { killCliWhen } from '../support/kill-cli-when.ts';
import { runCli } from '../support/run-cli.ts';

const maxWorkers = 2;

// Three layers of four: each task of a layer depends on one of the layer before.
const tasks = ['a', 'b', 'c'].flatMap((layer, depth) =>
  [1, 2, 3, 4].map((index) => ({ id: `${layer}${index}`, dependsOn: depth === 0 ? [] : [`${'abc'[depth - 1]}${index}`] })),
);
const planYaml = `tasks:\n${tasks
  .map(
    (task) =>
      `  - id: ${task.id}\n    description: ${task.id}\n    command: echo "$SWARM_TASK_ID" >> runs.txt; sleep 0.4; echo done-$SWARM_TASK_ID\n${task.dependsOn.length === 0 ? '' : `    dependsOn: [${task.dependsOn.join(', ')}]\n`}`,
  )
  .join('')}`;

describe('kill -9 in the middle of a plan, then the same command again', () => {
  it('runs no completed task again, and every task to completion', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-plan-kill-'));
    writeFileSync(path.join(cwd, 'plan.yaml'), planYaml);
    const args = ['plan', 'run', 'plan.yaml', '--max-workers', String(maxWorkers), '--quiet'];
    const runs = () => (existsSync(path.join(cwd, 'runs.txt')) ? readFileSync(path.join(cwd, 'runs.txt'), 'utf8').trim().split('\n') : []);

    await killCliWhen(args, { cwd, ready: () => runs().length >= 5 });

    const database = new DatabaseSync(path.join(cwd, '.swarm', 'swarm.db'), { readOnly: true });
    const states = database.prepare('SELECT task_id, status FROM plan_tasks').all() as { task_id: string; status: string }[];
    const runStatus = (database.prepare('SELECT status FROM plan_runs').get() as { status: string }).status;
    database.close();
    const completedBeforeKill = states.filter((state) => state.status === 'completed').map((state) => state.task_id);
    expect(runStatus).toBe('running');
    expect(completedBeforeKill.length).toBeGreaterThan(0);
    expect(completedBeforeKill.length).toBeLessThan(tasks.length);
    const startedBeforeKill = new Set(runs());

    const resumed = await runCli([...args, '--json'], { cwd });
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const result = JSON.parse(resumed.stdout);
    expect(result).toMatchObject({ completed: tasks.length, failed: 0, skipped: 0, pending: 0 });
    for (const task of tasks) expect(result.tasks[task.id]).toEqual({ status: 'completed', result: `done-${task.id}` });

    const counts = new Map<string, number>();
    for (const id of runs()) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const task of tasks) expect(counts.get(task.id), task.id).toBeGreaterThanOrEqual(1);
    // A task completed before the kill never ran again; those that ran twice were in flight at the kill.
    for (const id of completedBeforeKill) expect(counts.get(id), id).toBe(1);
    const twice = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
    expect(twice.length).toBeLessThanOrEqual(maxWorkers);
    for (const id of twice) expect(startedBeforeKill.has(id) && !completedBeforeKill.includes(id), id).toBe(true);
  });
});
