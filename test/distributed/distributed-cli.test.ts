// The distributed CLI: `swarm run --backend bullmq`, task files on workers, `swarm workers`, and
// what it says when Redis is missing. Commands run in this process (`main`), with a worker
// started here too; the fault tests start real processes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { startWorker } from '../../src/distributed/index.ts';
import { examplesWorkspace, removeTaskWorkspaces, runSwarm, taskWorkspace } from '../task/support/task-workspace.ts';
import { testPrefix, testRedisUrl } from '../support/test-redis.ts';

const url = await testRedisUrl();
afterAll(removeTaskWorkspaces);

async function workerIn(cwd: string, prefix: string, { allowCommands = false } = {}) {
  const worker = await startWorker({ redis: url!, prefix, cwd, env: {}, allowCommands });
  onTestFinished(() => worker.close());
  return worker;
}

describe('the distributed CLI, without Redis', () => {
  it('says where to give the Redis URL, and that --redis goes with the bullmq backend', async () => {
    const cwd = taskWorkspace({ 'rows.jsonl': '{"id":"a","text":"x"}\n' });
    const worker = await runSwarm(['worker'], { cwd });
    expect(worker).toMatchObject({ code: 2, stderr: 'swarm: swarm worker needs Redis: give --redis redis://host:6379, or set SWARM_REDIS_URL, or redis: in swarm.config.yaml\n' });
    const run = ['run', '--tasks', 'rows.jsonl', '-i', 'x {text}', '-s', '{"type":"object","properties":{"a":{"type":"string"}}}', '-m', 'mock'];
    expect((await runSwarm([...run, '--backend', 'bullmq'], { cwd })).stderr).toContain('--backend bullmq needs Redis');
    expect((await runSwarm([...run, '--backend', 'local', '--redis', 'redis://127.0.0.1:6379'], { cwd })).stderr).toBe('swarm: --redis goes with --backend bullmq\n');
    const unreachable = await runSwarm([...run, '--redis', 'redis://user:secret@127.0.0.1:1'], { cwd });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/^swarm: cannot connect to Redis at redis:\/\/user:\*\*\*@127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(unreachable.stderr).not.toContain('secret');
  });
});

describe.skipIf(url === undefined)('the distributed CLI', () => {
  it('runs a pass on workers: the same command resumes, and swarm workers shows them', async () => {
    const prefix = testPrefix(url!);
    const cwd = taskWorkspace({ 'rows.jsonl': Array.from({ length: 50 }, (_, index) => JSON.stringify({ id: `r${index}`, text: `t ${index}` })).join('\n') });
    const env = { SWARM_REDIS_URL: url!, SWARM_REDIS_PREFIX: prefix };
    const worker = await workerIn(cwd, prefix);
    const args = ['run', '--tasks', 'rows.jsonl', '-i', 'Label {text}', '-s', '{"type":"object","properties":{"label":{"type":"string"}},"required":["label"]}', '-m', 'mock', '--backend', 'bullmq', '--json'];
    const first = await runSwarm(args, { cwd, env });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ completed: 50, failed: 0, pending: 0 });
    const again = await runSwarm(args, { cwd, env });
    expect(JSON.parse(again.stdout)).toMatchObject({ completed: 0, skipped: 50 });

    const status = await runSwarm(['workers'], { cwd, env });
    expect(status.stdout).toContain(`1 worker connected (redis://127.0.0.1:6379, prefix ${prefix})`);
    expect(status.stdout).toContain(worker.id);
    expect(status.stdout).toContain('mock|default');
    const json = JSON.parse((await runSwarm(['workers', '--json'], { cwd, env })).stdout) as { workers: Array<{ id: string }> };
    expect(json.workers.map((entry) => entry.id)).toEqual([worker.id]);
    // swarm status shows the same after the daemon's part.
    const status2 = await runSwarm(['status'], { cwd, env });
    expect(status2.stdout).toMatch(/^No daemon runs for .+\nDistributed: 1 worker connected \(redis:\/\/127\.0\.0\.1:6379, prefix /);
    expect(JSON.parse((await runSwarm(['status', '--json'], { cwd, env })).stdout)).toMatchObject({ running: false, distributed: { workers: [{ id: worker.id }] } });
  });

  it('runs task files on workers: a worker script and a multi-turn conversation are rebuilt there from the task', async () => {
    const prefix = testPrefix(url!);
    const cwd = examplesWorkspace();
    const env = { SWARM_REDIS_URL: url!, SWARM_REDIS_PREFIX: prefix };
    // A worker script is a program the task names: the worker runs it only when told it may.
    await workerIn(cwd, prefix, { allowCommands: true });
    for (const [task, output] of [
      ['custom.yaml', 'output/custom/custom.jsonl'],
      ['generation.yaml', 'output/generation/generation.jsonl'],
    ] as const) {
      const result = await runSwarm(['run', `examples/tasks/${task}`, '--backend', 'bullmq', '--json'], { cwd, env });
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ completed: 3, failed: 0, pending: 0 });
      const records = readFileSync(path.join(cwd, 'examples/tasks', output), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(records).toHaveLength(3);
      // The script's columns, kept whole in output; a conversation with its turns.
      if (task === 'custom.yaml') for (const record of records) expect(record.output).toEqual({ description: expect.any(String), tagline: expect.any(String) });
      else for (const record of records) expect(record).toMatchObject({ output: expect.any(String), conversation: expect.any(Array) });
    }
  });
});
