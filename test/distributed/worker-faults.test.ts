import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { bullmqBackend, readDistributedStatus } from '../../src/distributed/index.ts';
import { openSwarm } from '../../src/index.ts';
import { runCli, spawnCli } from '../support/run-cli.ts';
import { startPrivateRedis, testPrefix, testRedisUrl } from '../support/test-redis.ts';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process.ts';

const url = await testRedisUrl();
const schema = { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] };
const instruction = 'Label {text}';

function workspace() {
  const root = mkdtempSync(path.join(tmpdir(), 'swarm-distributed-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

function tasks(count: number) {
  return Array.from({ length: count }, (_, index) => ({ id: `r${index}`, text: `message ${index}` }));
}

/** What the store holds of a pass: results per status, rows answered more than once, rows without their column, and calls made. */
function storeCounts(dir: string, passId: string) {
  const database = new DatabaseSync(path.join(dir, 'swarm.db'), { readOnly: true });
  try {
    const done = (database.prepare(`SELECT count(*) AS n FROM results WHERE pass_id = ? AND status = 'done'`).get(passId) as { n: number }).n;
    const failed = (database.prepare(`SELECT count(*) AS n FROM results WHERE pass_id = ? AND status = 'failed'`).get(passId) as { n: number }).n;
    const unlabeled = (database.prepare(`SELECT count(*) AS n FROM rows WHERE json_extract(data, '$.label') IS NULL`).get() as { n: number }).n;
    const calls = (database.prepare(`SELECT count(*) AS n FROM attempts WHERE pass_id = ?`).get(passId) as { n: number }).n;
    return { done, failed, unlabeled, calls };
  } finally {
    database.close();
  }
}

/** Rows the store holds answers for, in any pass: how far a run under way has come. */
function doneRows(dir: string): number {
  const database = new DatabaseSync(path.join(dir, 'swarm.db'), { readOnly: true });
  try {
    return (database.prepare(`SELECT count(*) AS n FROM results WHERE status = 'done'`).get() as { n: number }).n;
  } finally {
    database.close();
  }
}

/** Resolves once the store holds `count` answers: a fault is injected at a point of progress, not of the clock. */
async function untilDone(dir: string, count: number): Promise<void> {
  while (doneRows(dir) < count) await sleep(25);
}

describe.skipIf(url === undefined)('distributed runs on real worker processes', () => {
  it('4 workers, one killed with -9 at each further 12 % of rows done (and another started): every row of 10,000 gets exactly one result', { timeout: 300_000 }, async () => {
    const prefix = testPrefix(url!);
    const root = workspace();
    const live: WorkerProcess[] = Array.from({ length: 4 }, () => startWorkerProcess({ redis: url!, prefix, cwd: root }));
    await Promise.all(live.map((worker) => worker.ready));
    const backend = bullmqBackend({ redis: url!, prefix });
    const swarm = openSwarm({ dir: path.join(root, 'store'), cwd: root, config: { aliases: {}, providers: {}, prices: {} }, env: {}, backend });
    onTestFinished(async () => {
      swarm.close();
      await backend.close();
    });
    const table = await swarm.create({ tasks: tasks(10_000) });
    // The oldest worker goes each time another 12 % of the rows is done (a new one is started), six times: tied to progress, not to
    // the clock, so a fast machine cannot finish the run before the kills.
    let kills = 0;
    const killer = setInterval(() => {
      if (kills === 6 || doneRows(swarm.dir) < (kills + 1) * 1_200) return;
      const victim = live.shift()!;
      process.kill(victim.pid, 'SIGKILL');
      kills++;
      live.push(startWorkerProcess({ redis: url!, prefix, cwd: root }));
    }, 50);
    const result = await swarm.run(table.id, { instruction, responseSchema: schema, model: 'mock:default?latencyMs=20', batchSize: 1, concurrency: 256 }).finally(() => clearInterval(killer));

    expect(kills).toBeGreaterThanOrEqual(4);
    expect(result).toMatchObject({ completed: 10_000, failed: 0, pending: 0 });
    const counts = storeCounts(swarm.dir, result.passId);
    expect(counts).toMatchObject({ done: 10_000, failed: 0, unlabeled: 0 });
    // Calls of dispatches a killed worker had under way are made again by another: a few, no more.
    expect(counts.calls).toBeGreaterThanOrEqual(10_000);
    expect(counts.calls).toBeLessThan(10_000 + kills * 16 + 16);
  });

  it("refuses the late outcome of a worker frozen past its lock: its dispatches were taken over, each row is answered once", { timeout: 120_000 }, async () => {
    const prefix = testPrefix(url!);
    const root = workspace();
    const [frozen, other] = [startWorkerProcess({ redis: url!, prefix, cwd: root, lockMs: 1_500 }), startWorkerProcess({ redis: url!, prefix, cwd: root, lockMs: 1_500 })];
    await Promise.all([frozen!.ready, other!.ready]);
    const backend = bullmqBackend({ redis: url!, prefix });
    const swarm = openSwarm({ dir: path.join(root, 'store'), cwd: root, config: { aliases: {}, providers: {}, prices: {} }, env: {}, backend });
    onTestFinished(async () => {
      swarm.close();
      await backend.close();
    });
    const table = await swarm.create({ tasks: tasks(2_000) });
    const running = swarm.run(table.id, { instruction, responseSchema: schema, model: 'mock:default?latencyMs=50', batchSize: 1, concurrency: 64 });
    // Both workers are answering by then, so the frozen one holds dispatches.
    await untilDone(swarm.dir, 200);
    process.kill(frozen!.pid, 'SIGSTOP');
    await sleep(3_500);
    process.kill(frozen!.pid, 'SIGCONT');
    const result = await running;
    expect(result).toMatchObject({ completed: 2_000, failed: 0, pending: 0 });
    expect(storeCounts(swarm.dir, result.passId)).toMatchObject({ done: 2_000, failed: 0, unlabeled: 0 });
    for (let waited = 0; waited < 30_000 && !frozen!.stderr.includes('outcome dropped'); waited += 100) await sleep(100);
    expect(frozen!.stderr).toMatch(/its lock was lost \(another worker has it now\): outcome dropped/);
  });

  it('finishes a run whose Redis was killed and started again empty mid-run', { timeout: 120_000 }, async () => {
    const root = workspace();
    const redis = await startPrivateRedis({ dir: root });
    const prefix = 'swarm';
    const workers = [0, 1].map(() => startWorkerProcess({ redis: redis.url, prefix, cwd: root }));
    await Promise.all(workers.map((worker) => worker.ready));
    const backend = bullmqBackend({ redis: redis.url, prefix });
    const swarm = openSwarm({ dir: path.join(root, 'store'), cwd: root, config: { aliases: {}, providers: {}, prices: {} }, env: {}, backend });
    onTestFinished(async () => {
      swarm.close();
      await backend.close();
    });
    const table = await swarm.create({ tasks: tasks(3_000) });
    const running = swarm.run(table.id, { instruction, responseSchema: schema, model: 'mock:default?latencyMs=20', batchSize: 1, concurrency: 64 });
    await untilDone(swarm.dir, 300);
    await redis.stop();
    await sleep(1_000);
    await redis.start();
    const result = await running;
    expect(result).toMatchObject({ completed: 3_000, failed: 0, pending: 0 });
    expect(storeCounts(swarm.dir, result.passId)).toMatchObject({ done: 3_000, failed: 0, unlabeled: 0 });
  });

  it('a coordinator killed with -9 loses nothing: the same command run again adopts what is queued and commits what was answered', { timeout: 120_000 }, async () => {
    const prefix = testPrefix(url!);
    const root = workspace();
    writeFileSync(path.join(root, 'rows.jsonl'), tasks(4_000).map((row) => JSON.stringify(row)).join('\n'));
    writeFileSync(path.join(root, 'schema.json'), JSON.stringify(schema));
    // Locks long enough that a worker of this test rarely stalls past its lock on a busy machine.
    const workers = [0, 1].map(() => startWorkerProcess({ redis: url!, prefix, cwd: root, lockMs: 15_000 }));
    await Promise.all(workers.map((worker) => worker.ready));
    const args = ['--dir', 'store', 'run', '--tasks', 'rows.jsonl', '-i', instruction, '-s', 'schema.json', '-m', 'mock:default?latencyMs=20', '--batch-size', '1'];
    const cli = { cwd: root, env: { SWARM_REDIS_PREFIX: prefix, SWARM_REDIS_URL: url! } };
    const first = spawnCli([...args, '--backend', 'bullmq', '--quiet'], cli);
    first.stdout!.resume();
    first.stderr!.resume();
    // Killed once it has committed a few hundred rows, with many more under way.
    const committed = () => {
      try {
        const database = new DatabaseSync(path.join(root, 'store', 'swarm.db'), { readOnly: true });
        try {
          return database.prepare(`SELECT count(*) AS n FROM results`).get() as { n: number };
        } finally {
          database.close();
        }
      } catch {
        return { n: 0 };
      }
    };
    for (let waited = 0; waited < 60_000 && committed().n < 300; waited += 50) await sleep(50);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.on('close', resolve));

    const again = await runCli([...args, '--backend', 'bullmq', '--json', '--quiet'], cli);
    expect(again.stderr).toBe('');
    const result = JSON.parse(again.stdout) as { passId: string; completed: number; skipped: number; failed: number; pending: number };
    expect(result.skipped).toBeGreaterThan(0);
    expect(result).toMatchObject({ failed: 0, pending: 0 });
    expect(result.skipped + result.completed).toBe(4_000);
    const counts = storeCounts(path.join(root, 'store'), result.passId);
    expect(counts).toMatchObject({ done: 4_000, failed: 0, unlabeled: 0 });
    // Dispatches queued or answered while no coordinator ran were adopted or committed, not sent
    // again, and no outcome committed twice (before this was kept in the store, outcomes committed
    // just before the kill were counted again: CI saw 8 of 4,000): at most the calls in flight at the
    // kill (2 workers × 16) are made twice (DESIGN.md's kill -9 target), should a worker stall.
    expect(counts.calls).toBeGreaterThanOrEqual(4_000);
    expect(counts.calls - 4_000).toBeLessThanOrEqual(2 * 16);
  });

  it('the same run submitted twice enqueues each row once; a second run of it while one runs is refused', { timeout: 120_000 }, async () => {
    const prefix = testPrefix(url!);
    const root = workspace();
    writeFileSync(path.join(root, 'rows.jsonl'), tasks(500).map((row) => JSON.stringify(row)).join('\n'));
    writeFileSync(path.join(root, 'schema.json'), JSON.stringify(schema));
    const args = ['--dir', 'store', 'run', '--tasks', 'rows.jsonl', '-i', instruction, '-s', 'schema.json', '-m', 'mock', '--batch-size', '1', '--backend', 'bullmq'];
    const cli = { cwd: root, env: { SWARM_REDIS_PREFIX: prefix, SWARM_REDIS_URL: url! } };
    const queued = async () => (await readDistributedStatus({ redis: url!, prefix })).queue.waiting;
    // No worker yet: the first coordinator enqueues every row, then dies.
    const first = spawnCli([...args, '--quiet'], cli);
    first.stdout!.resume();
    first.stderr!.resume();
    for (let waited = 0; waited < 20_000 && (await queued()) < 500; waited += 100) await sleep(100);
    expect(await queued()).toBe(500);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.on('close', resolve));

    const second = spawnCli([...args, '--json'], cli);
    let stdout = '';
    second.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    second.stderr!.resume();
    await sleep(2_000);
    expect(await queued()).toBe(500);
    const busy = await runCli([...args, '--quiet'], cli);
    expect(busy.code).not.toBe(0);
    expect(busy.stderr).toMatch(/already running/);
    expect(await queued()).toBe(500);

    const worker = startWorkerProcess({ redis: url!, prefix, cwd: root });
    await worker.ready;
    await new Promise((resolve) => second.on('close', resolve));
    const result = JSON.parse(stdout) as { passId: string; completed: number };
    expect(result.completed).toBe(500);
    expect(storeCounts(path.join(root, 'store'), result.passId)).toMatchObject({ done: 500, failed: 0, unlabeled: 0, calls: 500 });
  });
});
