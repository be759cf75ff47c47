import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openSwarm } from '../../src/index.ts';
import { sqlForTests } from '../../src/store/sql-for-tests.ts';
import { spawnCli } from '../support/run-cli.ts';

function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-interrupted-'));
  onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
  return cwd;
}

/** Runs `swarm <args>`, sends it Ctrl-C once `ready()` holds, and returns how it ended. */
async function interrupt(args: string[], cwd: string, ready: () => boolean) {
  const child = spawnCli(args, { cwd });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  let exited = false;
  void closed.then(() => (exited = true));
  while (!exited && !ready()) await sleep(5);
  const interrupted = !exited;
  child.kill('SIGINT');
  return { code: await closed, stderr, interrupted };
}

const rows = (count: number) => Array.from({ length: count }, (_, index) => JSON.stringify({ id: `r${index}`, text: `row ${index} `.repeat(6) })).join('\n');

describe('Ctrl-C', () => {
  it('stops swarm export: neither the file nor its partial copy is left', async () => {
    const cwd = workspace();
    const swarm = openSwarm({ dir: path.join(cwd, '.swarm'), cwd, env: {} });
    const table = await swarm.create({ tasks: rows(200_000).split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) });
    swarm.close();
    const partials = () => readdirSync(cwd).filter((name) => name.endsWith('.partial'));
    const ended = await interrupt(['export', table.id, '--out', 'rows.jsonl'], cwd, () => partials().length > 0);
    expect(ended.interrupted).toBe(true);
    expect(ended).toMatchObject({ code: 130, stderr: 'Stopped: nothing was written to rows.jsonl\n' });
    expect(partials()).toEqual([]);
    expect(existsSync(path.join(cwd, 'rows.jsonl'))).toBe(false);
  }, 60_000);

  it('stops swarm create: no table is left, not even a hidden one', async () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'rows.jsonl'), rows(300_000));
    const sql = sqlForTests(path.join(cwd, '.swarm'));
    // Some rows are written (under the hidden `creating` status): the command is mid-way.
    const creating = () => {
      if (!existsSync(path.join(cwd, '.swarm', 'swarm.db'))) return false;
      try {
        return sql.get<{ n: number }>('SELECT count(*) AS n FROM rows')!.n > 0;
      } catch {
        return false; // not migrated yet
      }
    };
    const ended = await interrupt(['create', '--tasks', 'rows.jsonl'], cwd, creating);
    expect(ended.interrupted).toBe(true);
    expect(ended).toMatchObject({ code: 130, stderr: 'Stopped: no table was made\n' });
    expect(sql.all('SELECT id FROM tables')).toEqual([]);
    expect(sql.get<{ n: number }>('SELECT count(*) AS n FROM rows')!.n).toBe(0);
  }, 60_000);
});
