// One run of a plan at a time: the run holds a lease on itself (this process, a live pid on this
// machine, a heartbeat elsewhere), whatever its tasks are doing; a kill -9'd run is taken over.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSwarm, PlanBusyError, type Plan } from '../../src/index.ts';
import { tempSwarm } from '../library/support/temp-swarm.ts';
import { runCli, spawnCli } from '../support/run-cli.ts';

describe('a plan run holds a lease on itself', () => {
  it('refuses a second run of the plan while a function task of the first runs, in this Swarm and in another on the same store', async () => {
    const temp = tempSwarm();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    // A function task runs no pass: only the plan's own lease can show the run is alive.
    const plan: Plan = {
      tasks: [
        {
          id: 'wait',
          description: 'wait',
          run: async () => {
            started();
            await released;
            return 'done';
          },
        },
      ],
    };
    const first = temp.swarm.runPlan(plan);
    await running;
    const second = await temp.swarm.runPlan(plan).catch((error: unknown) => error);
    expect(PlanBusyError.isInstance(second), String(second)).toBe(true);
    expect((second as Error).message).toMatch(/^plan run plan-[0-9a-f]{12} is already running in this process \(alive at /);
    const other = openSwarm({ dir: temp.swarm.dir, cwd: temp.cwd, config: { aliases: {}, providers: {}, prices: {} }, env: {} });
    try {
      const third = await other.runPlan(plan).catch((error: unknown) => error);
      expect(PlanBusyError.isInstance(third), String(third)).toBe(true);
    } finally {
      other.close();
    }
    release();
    expect((await first).tasks.wait).toEqual({ status: 'completed', result: 'done' });
    // Once it ended, the same plan runs again (it resumes: nothing is left to do).
    expect(await temp.swarm.runPlan(plan)).toMatchObject({ completed: 1 });
  });

  it('swarm plan run: a second run exits 2 naming the process that runs it; once that is killed -9, the next run takes over at once', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-plan-lease-'));
    writeFileSync(
      path.join(cwd, 'plan.yaml'),
      `tasks:
  - id: gate
    description: waits for a file
    command: touch started; while [ ! -f go ]; do sleep 0.05; done; echo passed
`,
    );
    const child = spawnCli(['plan', 'run', 'plan.yaml', '--quiet'], { cwd });
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (existsSync(path.join(cwd, 'started'))) {
          clearInterval(poll);
          resolve();
        }
      }, 10);
      child.on('exit', () => {
        clearInterval(poll);
        reject(new Error('the first run ended before its task started'));
      });
    });
    const second = await runCli(['plan', 'run', 'plan.yaml'], { cwd });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`plan run plan-[0-9a-f]{12} is already running in process ${child.pid} `));

    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    // The orphaned command ends too once the file is there; the next run takes the dead run over.
    writeFileSync(path.join(cwd, 'go'), '');
    const third = await runCli(['plan', 'run', 'plan.yaml', '--json'], { cwd });
    expect(third.code, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout).tasks.gate).toEqual({ status: 'completed', result: 'passed' });
  });
});
