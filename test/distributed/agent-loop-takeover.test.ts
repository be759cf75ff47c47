// kill -9 a `swarm worker` in the middle of agent loops whose tools change the world (a command
// appending to a log): the steps it streamed were committed as they happened, and the worker that
// takes its dispatches over resumes each loop from them, repeating no recorded tool call.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, onTestFinished } from 'vitest';
import { bullmqBackend } from '../../src/distributed/index.ts';
import { openSwarm } from '../../src/index.ts';
import { testPrefix, testRedisUrl } from '../support/test-redis.ts';
import { startWorkerProcess } from './support/worker-process.ts';

const url = await testRedisUrl();
const rowCount = 16;
const concurrency = 4;

/** The store's view, read beside the running coordinator. */
function readStore(dir: string) {
  const database = new DatabaseSync(path.join(dir, 'swarm.db'), { readOnly: true });
  try {
    const toolSteps = (settled: 0 | 1 | undefined) =>
      (
        database
          .prepare(`SELECT s.data FROM agent_steps s JOIN agent_loops l ON l.id = s.loop_id WHERE s.kind = 'tool' AND s.is_error = 0 ${settled === undefined ? '' : `AND l.settled = ${settled}`}`)
          .all() as Array<{ data: string }>
      ).map((row) => (JSON.parse(row.data) as { input: { command: string } }).input.command.replace('node append.mjs ', ''));
    return {
      /** Tool calls recorded in loops still under way (no outcome yet). */
      unsettledToolCalls: toolSteps(0),
      doneRows: (database.prepare(`SELECT count(*) AS n FROM results WHERE status = 'done'`).get() as { n: number }).n,
      loops: database.prepare(`SELECT id, row_ids, settled FROM agent_loops`).all() as Array<{ id: number; row_ids: string; settled: number }>,
      /** Steps recorded twice in one loop: the same model call, or the same tool call id. */
      repeatedSteps: (
        database
          .prepare(`SELECT loop_id, kind, step, tool_call_id, count(*) AS n FROM agent_steps GROUP BY loop_id, kind, CASE kind WHEN 'model' THEN step ELSE tool_call_id END HAVING n > 1`)
          .all() as unknown[]
      ).length,
      doneTwice: (database.prepare(`SELECT count(*) AS n FROM (SELECT row_id FROM results WHERE status = 'done' GROUP BY row_id HAVING count(*) > 1)`).get() as { n: number }).n,
    };
  } finally {
    database.close();
  }
}

describe.skipIf(url === undefined)('agent loops on workers', () => {
  it('a worker killed with -9 mid-loop: its streamed steps are in the store already, and the loops resume elsewhere without repeating them', { timeout: 180_000 }, async () => {
    const prefix = testPrefix(url!);
    const root = mkdtempSync(path.join(tmpdir(), 'swarm-distributed-agents-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    writeFileSync(path.join(root, 'append.mjs'), "import { appendFileSync } from 'node:fs';\nappendFileSync('log.txt', process.argv.slice(2).join(' ') + '\\n');\n");
    writeFileSync(path.join(root, 'log.txt'), '');
    writeFileSync(path.join(root, 'swarm.config.yaml'), 'mock:\n  latencyMs: 150\nagents:\n  appender:\n    tools: [shell]\n    shell:\n      allow: [node]\n    maxSteps: 4\n');
    // Two tool calls per row in one step (run at once), each appending its own line.
    const tasks = Array.from({ length: rowCount }, (_, index) => ({
      id: `row-${index}`,
      text: `CALL shell {"command":"node append.mjs row-${index} first"}\nCALL shell {"command":"node append.mjs row-${index} second"}`,
    }));
    const log = () => readFileSync(path.join(root, 'log.txt'), 'utf8').split('\n').filter(Boolean);

    const first = startWorkerProcess({ redis: url!, prefix, cwd: root, concurrency });
    await first.ready;
    const backend = bullmqBackend({ redis: url!, prefix });
    const swarm = openSwarm({ dir: path.join(root, '.swarm'), cwd: root, env: {}, backend });
    onTestFinished(async () => {
      swarm.close();
      await backend.close();
    });
    const table = await swarm.create({ tasks });

    // The worker is killed once the store holds tool calls of loops it has not finished (streamed, not
    // brought by an outcome); a second worker takes its dispatches over when their locks lapse.
    let atKill: ReturnType<typeof readStore> | undefined;
    const killer = setInterval(() => {
      if (atKill !== undefined) return;
      const now = readStore(swarm.dir);
      if (now.unsettledToolCalls.length < 2) return;
      process.kill(first.pid, 'SIGKILL');
      atKill = now;
      startWorkerProcess({ redis: url!, prefix, cwd: root, concurrency });
    }, 5);
    const result = await swarm
      .run(table.id, { instruction: 'Do what {text} says', responseSchema: { type: 'object', properties: { note: { type: 'string' } }, required: ['note'] }, subagentType: 'appender', model: 'mock', concurrency })
      .finally(() => clearInterval(killer));

    expect(atKill).toBeDefined();
    expect(atKill!.doneRows).toBeLessThan(rowCount);
    expect(result).toMatchObject({ completed: rowCount, failed: 0, pending: 0 });
    const after = readStore(swarm.dir);
    expect(after.doneTwice).toBe(0);
    expect(after.repeatedSteps).toBe(0);
    // One loop per row, each settled: the loops cut short were resumed, not started again.
    expect(after.loops).toHaveLength(rowCount);
    for (const loop of after.loops) expect(loop.settled).toBe(1);

    const lines = log();
    for (let index = 0; index < rowCount; index++) for (const which of ['first', 'second']) expect(lines).toContain(`row-${index} ${which}`);
    // A tool call recorded before the kill ran once: the worker that took its loop over was given its result.
    for (const line of atKill!.unsettledToolCalls) expect(lines.filter((each) => each === line)).toHaveLength(1);
    // Only calls in flight at the kill (at most two per loop) may have run twice.
    expect(lines.length - 2 * rowCount).toBeLessThanOrEqual(2 * concurrency);
  });
});
