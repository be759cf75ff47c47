import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, onTestFinished } from 'vitest';
import { labelSchema, numberedTasks, tempSwarm } from '../library/support/temp-swarm.ts';
import { runCli, spawnCli } from '../support/run-cli.ts';

const pass = { instruction: 'Label {text}', responseSchema: labelSchema, model: 'mock:default?latencyMs=20', batchSize: 1, concurrency: 4 } as const;

describe('one run of a pass at a time', () => {
  it('refuses a second run of the same pass in the same process while the first runs, then resumes after it', async () => {
    const { swarm } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(40) });

    const first = swarm.run(table.id, pass);
    await expect(swarm.run(table.id, pass)).rejects.toThrow(/is already running \(in this process, since .*\); two runs would call the model twice/);
    // A different pass on the same table is not held back.
    const other = { ...pass, instruction: 'Tag {text}', responseSchema: { type: 'object', properties: { tag: { type: 'string' } }, required: ['tag'] } };
    expect(await swarm.run(table.id, other)).toMatchObject({ completed: 40, failed: 0 });
    expect(await first).toMatchObject({ completed: 40, failed: 0 });

    // The same pass runs again once the first ended: nothing is left to answer.
    expect(await swarm.run(table.id, pass)).toMatchObject({ completed: 0, skipped: 40 });
  });

  it('refuses a run of a pass another process is running, and says which process', async () => {
    const { swarm, cwd, write } = tempSwarm();
    write('rows.jsonl', numberedTasks(400).map((task) => JSON.stringify(task)).join('\n'));
    writeFileSync(path.join(cwd, 'schema.json'), JSON.stringify(labelSchema));
    const dir = path.join(path.dirname(cwd), 'store');
    // 400 rows, two at a time, 20 ms each: about four seconds of run, far longer than a CLI start.
    const args = ['--dir', dir, 'run', '--tasks', 'rows.jsonl', '--instruction', pass.instruction, '--schema', 'schema.json', '--model', pass.model, '--batch-size', '1', '--concurrency', '2', '--quiet'];
    const child = spawnCli(args, { cwd });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Wait until the child's pass is under way.
    const running = () => {
      let db: DatabaseSync | undefined;
      try {
        db = new DatabaseSync(path.join(dir, 'swarm.db'), { readOnly: true });
        return (db.prepare(`SELECT count(*) AS n FROM passes WHERE status = 'running' AND runner IS NOT NULL`).get() as { n: number }).n > 0;
      } catch {
        return false; // The store or its tables are not created yet.
      } finally {
        db?.close();
      }
    };
    for (let waited = 0; !running(); waited += 20) {
      if (waited > 10_000) throw new Error('the first run never started');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const second = await runCli(args, { cwd });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`is already running (in process ${child.pid}`);
    expect(await exited).toBe(0);
    swarm.close();
  });

  it('takes over a pass whose runner died (a kill -9 leaves it marked running)', async () => {
    const { swarm, query } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(10) });
    const capped = await swarm.run(table.id, { ...pass, maxCalls: 3 });
    // What a process killed mid-run leaves: the pass running, held by a pid that no longer exists.
    const [{ file }] = query<{ file: string }>('SELECT file FROM pragma_database_list WHERE name = ?', 'main');
    const writer = new DatabaseSync(file);
    writer.prepare(`UPDATE passes SET status = 'running', runner = ?, heartbeat_at = ? WHERE id = ?`).run(`${hostname()}|2147483646|deadbeef`, Date.now(), capped.passId);
    writer.close();

    expect(await swarm.run(table.id, pass)).toMatchObject({ completed: 7, skipped: 3, failed: 0 });
  });

  it.runIf(process.platform === 'linux')('takes over a pass whose runner was killed but is not reaped yet (a zombie)', async () => {
    const { swarm, query } = tempSwarm();
    const table = await swarm.create({ tasks: numberedTasks(10) });
    const capped = await swarm.run(table.id, { ...pass, maxCalls: 3 });
    // `sleep 0.1` exits while its parent, now `sleep 30`, never waits for it: it stays a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    onTestFinished(() => void parent.kill('SIGKILL'));
    const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk) => resolve(String(chunk)))));
    const state = () => { const stat = readFileSync(`/proc/${zombie}/stat`, 'utf8'); return stat[stat.lastIndexOf(')') + 2]; };
    for (let waited = 0; state() !== 'Z'; waited += 20) {
      if (waited > 5_000) throw new Error('the child never became a zombie');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [{ file }] = query<{ file: string }>('SELECT file FROM pragma_database_list WHERE name = ?', 'main');
    const writer = new DatabaseSync(file);
    writer.prepare(`UPDATE passes SET status = 'running', runner = ?, heartbeat_at = ? WHERE id = ?`).run(`${hostname()}|${zombie}|deadbeef`, Date.now(), capped.passId);
    writer.close();

    expect(await swarm.run(table.id, pass)).toMatchObject({ completed: 7, skipped: 3, failed: 0 });
  });
});
