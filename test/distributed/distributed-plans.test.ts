// Plans on the BullMQ backend: each model, agent and command task is one dispatch answered by a real
// `swarm worker` process, enqueued as it becomes ready; function tasks run in the plan's process.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { bullmqBackend, readDistributedStatus } from '../../src/distributed/index.ts';
import { openSwarm } from '../../src/index.ts';
import { runCli } from '../support/run-cli.ts';
import { testPrefix, testRedisUrl } from '../support/test-redis.ts';
import { startWorkerProcess } from './support/worker-process.ts';

const url = await testRedisUrl();

/** A folder the workers and the plan share: an agent type whose shell tool may run node, and a script that appends to log.txt. */
function workspace() {
  const root = mkdtempSync(path.join(tmpdir(), 'swarm-distributed-plan-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(path.join(root, 'append.mjs'), "import { appendFileSync } from 'node:fs';\nappendFileSync('log.txt', process.argv.slice(2).join(' ') + '\\n');\n");
  writeFileSync(path.join(root, 'log.txt'), '');
  writeFileSync(path.join(root, 'swarm.config.yaml'), 'agents:\n  appender:\n    tools: [shell]\n    shell:\n      allow: [node]\n    maxSteps: 4\n');
  return root;
}

/** Dispatches the workers under `prefix` say they answered, once that reaches `count` (heartbeats lag the outcomes a little). */
async function answeredByWorkers(prefix: string, count: number): Promise<number> {
  let answered = 0;
  await expect
    .poll(
      async () => {
        const status = await readDistributedStatus({ redis: url!, prefix });
        answered = status.workers.reduce((sum, worker) => sum + worker.jobs, 0);
        return answered;
      },
      { timeout: 30_000, interval: 100 },
    )
    .toBeGreaterThanOrEqual(count);
  return answered;
}

describe.skipIf(url === undefined)('plans on workers', () => {
  it('swarm plan run --backend bullmq: the command, model and agent tasks run on the worker processes, each after its upstream', { timeout: 120_000 }, async () => {
    const prefix = testPrefix(url!);
    const cwd = workspace();
    const workers = [startWorkerProcess({ redis: url!, prefix, cwd, allowCommands: true }), startWorkerProcess({ redis: url!, prefix, cwd, allowCommands: true })];
    await Promise.all(workers.map((worker) => worker.ready));
    writeFileSync(
      path.join(cwd, 'plan.yaml'),
      [
        'tasks:',
        // $PPID of the shell: the process that ran the command.
        '  - id: where',
        '    description: Say which process runs commands',
        '    command: echo "$PPID"',
        '  - id: facts',
        '    description: "List three facts about process {tasks.where}"',
        '    dependsOn: [where]',
        '  - id: act',
        '    agent: appender',
        `    description: 'CALL shell {"command":"node append.mjs act after facts"}'`,
        '    dependsOn: [facts]',
      ].join('\n'),
    );
    const run = await runCli(['plan', 'run', 'plan.yaml', '--model', 'mock', '--backend', 'bullmq', '--redis', url!, '--json'], { cwd, env: { SWARM_REDIS_PREFIX: prefix } });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { completed: number; tasks: Record<string, { status: string; result: unknown }> };
    expect(result.completed).toBe(3);
    expect(workers.map((worker) => String(worker.pid))).toContain(String(result.tasks.where!.result).trim());
    expect(result.tasks.facts!.result).toEqual(expect.any(String));
    // The agent's tool ran once, on a worker (in the folder they share).
    expect(readFileSync(path.join(cwd, 'log.txt'), 'utf8')).toBe('act after facts\n');
    expect(await answeredByWorkers(prefix, 3)).toBe(3);

    // The same command again resumes the finished run: nothing is sent.
    const again = await runCli(['plan', 'run', 'plan.yaml', '--model', 'mock', '--backend', 'bullmq', '--redis', url!, '--json'], { cwd, env: { SWARM_REDIS_PREFIX: prefix } });
    expect(JSON.parse(again.stdout)).toMatchObject({ completed: 3 });
    expect(readFileSync(path.join(cwd, 'log.txt'), 'utf8')).toBe('act after facts\n');
  });

  it('runPlan on a bullmq swarm: a function task runs in the plan process, the model tasks on the worker', { timeout: 120_000 }, async () => {
    const prefix = testPrefix(url!);
    const cwd = workspace();
    const worker = startWorkerProcess({ redis: url!, prefix, cwd });
    await worker.ready;
    const backend = bullmqBackend({ redis: url!, prefix });
    const swarm = openSwarm({ dir: path.join(cwd, '.swarm'), cwd, env: {}, backend });
    onTestFinished(async () => {
      swarm.close();
      await backend.close();
    });
    const ranHere: string[] = [];
    const result = await swarm.runPlan(
      {
        tasks: [
          { id: 'a', description: 'Name a colour', model: 'mock' },
          { id: 'b', description: 'Name a fruit', model: 'mock' },
          { id: 'join', description: 'Join them', dependsOn: ['a', 'b'], run: ({ upstream }) => (ranHere.push(String(process.pid)), `${upstream.a} + ${upstream.b}`) },
          { id: 'judge', description: 'Judge {tasks.join}', dependsOn: ['join'], model: 'mock' },
        ],
      },
      { maxWorkers: 4 },
    );
    expect(result).toMatchObject({ completed: 4, failed: 0, pending: 0 });
    expect(ranHere).toEqual([String(process.pid)]);
    expect(result.tasks.join!.result).toBe(`${result.tasks.a!.result} + ${result.tasks.b!.result}`);
    expect(await answeredByWorkers(prefix, 3)).toBe(3);
  });
});
