// kill -9 in the middle of agent loops whose tools change the world (a shell command appending to a
// log), then the same command again: every row answered once, and no tool call the first run
// recorded is made again.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { killCliWhen } from '../support/kill-cli-when.ts';
import { runCli } from '../support/run-cli.ts';

const rowCount = 24;
const concurrency = 4;

describe('kill -9 in the middle of agent loops, then the same command again', () => {
  it('answers every row once and repeats no recorded tool call', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-agent-kill-'));
    writeFileSync(path.join(cwd, 'append.mjs'), "import { appendFileSync } from 'node:fs';\nappendFileSync('log.txt', process.argv.slice(2).join(' ') + '\\n');\n");
    writeFileSync(path.join(cwd, 'log.txt'), '');
    // Two tool calls per row in one step (run at once), each appending its own line.
    const rows = Array.from({ length: rowCount }, (_, index) => {
      const id = `row-${index}`;
      return JSON.stringify({ id, text: `CALL shell {"command":"node append.mjs ${id} first"}\nCALL shell {"command":"node append.mjs ${id} second"}` });
    });
    writeFileSync(path.join(cwd, 'rows.jsonl'), `${rows.join('\n')}\n`);
    writeFileSync(
      path.join(cwd, 'swarm.config.yaml'),
      'mock:\n  latencyMs: 150\nagents:\n  appender:\n    tools: [shell]\n    shell:\n      allow: [node]\n    maxSteps: 4\n',
    );
    const schema = JSON.stringify({ type: 'object', properties: { note: { type: 'string' } }, required: ['note'] });
    const args = ['run', '--tasks', 'rows.jsonl', '--agent', 'appender', '-i', 'Do what {text} says', '-s', schema, '-m', 'mock', '--concurrency', String(concurrency), '--quiet'];
    const log = () => readFileSync(path.join(cwd, 'log.txt'), 'utf8').split('\n').filter(Boolean);

    await killCliWhen(args, { cwd, ready: () => log().length >= rowCount / 2 });

    const database = new DatabaseSync(path.join(cwd, '.swarm', 'swarm.db'), { readOnly: true });
    const recorded = (database.prepare(`SELECT data FROM agent_steps WHERE kind = 'tool' AND is_error = 0`).all() as Array<{ data: string }>).map((row) =>
      (JSON.parse(row.data) as { input: { command: string } }).input.command.replace('node append.mjs ', ''),
    );
    const doneBefore = (database.prepare(`SELECT count(*) AS n FROM results WHERE status = 'done'`).get() as { n: number }).n;
    // Loops the kill cut short, with the steps they had recorded.
    const cutShort = (database.prepare(`SELECT id, row_ids FROM agent_loops WHERE settled = 0`).all() as Array<{ id: number; row_ids: string }>).map((loop) => loop.id);
    database.close();
    expect(cutShort.length).toBeGreaterThan(0);
    expect(recorded.length).toBeGreaterThan(0);
    expect(doneBefore).toBeLessThan(rowCount);

    const resumed = await runCli([...args.filter((arg) => arg !== '--quiet'), '--json'], { cwd });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ failed: 0, completed: rowCount - doneBefore, skipped: doneBefore });

    const lines = log();
    // Every tool call of every row happened; those recorded before the kill exactly once.
    for (let index = 0; index < rowCount; index++) {
      for (const which of ['first', 'second']) expect(lines).toContain(`row-${index} ${which}`);
    }
    for (const line of recorded) expect(lines.filter((each) => each === line)).toHaveLength(1);
    // Only calls in flight at the kill (at most two per loop) may have run twice.
    expect(lines.length - 2 * rowCount).toBeLessThanOrEqual(2 * concurrency);

    const after = new DatabaseSync(path.join(cwd, '.swarm', 'swarm.db'), { readOnly: true });
    const results = after.prepare(`SELECT row_id, count(*) AS n FROM results WHERE status = 'done' GROUP BY row_id`).all() as Array<{ n: number }>;
    after.close();
    expect(results).toHaveLength(rowCount);
    for (const result of results) expect(result.n).toBe(1);
    // The loops cut short were resumed, not started again: one loop per row in all.
    const loops = new DatabaseSync(path.join(cwd, '.swarm', 'swarm.db'), { readOnly: true });
    expect((loops.prepare('SELECT count(*) AS n FROM agent_loops').get() as { n: number }).n).toBe(rowCount);
    for (const id of cutShort) expect(loops.prepare('SELECT settled FROM agent_loops WHERE id = ?').get(id)).toEqual({ settled: 1 });
    loops.close();
  }, 60_000);
});
