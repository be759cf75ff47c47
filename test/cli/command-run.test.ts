import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli, spawnCli } from '../support/run-cli.ts';

/** True while the process exists and is not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-cli-command-'));
  onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
  writeFileSync(path.join(cwd, 'rows.jsonl'), ['{"id":"a","text":"it\'s $(touch pwned)"}', '{"id":"b","text":"`touch pwned`; *"}', '{"id":"c","text":"fail"}'].join('\n') + '\n');
  return cwd;
}

describe('swarm run --command', () => {
  it('runs a shell command per row through the real CLI, values quoted, and resumes', async () => {
    const cwd = workspace();
    const command = ['run', '--tasks', 'rows.jsonl', '--command', 'printf %s {text}; [ {id} != c ] || { echo no good >&2; exit 7; }', '--out', 'out.jsonl'];
    const first = await runCli([...command, '--json'], { cwd, env: { OPENAI_API_KEY: 'sk-cli-0123456789' } });
    expect(first.code).toBe(3);
    const result = JSON.parse(first.stdout);
    expect(result).toMatchObject({ completed: 2, failed: 1, usage: { calls: 3, inputTokens: 0 } });
    expect(result.failures).toEqual([{ id: 'c', errorClass: 'exit-code', error: 'exit code 7; stderr: no good', rawOutput: 'fail' }]);
    expect(first.stderr).toContain(`(command) in`);
    expect(first.stderr).toContain('3 commands run');
    expect(first.stderr).toContain('exit-code × 1');
    const written = readFileSync(path.join(cwd, 'out.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(written.map((row) => [row.id, row.output])).toEqual([
      ['a', "it's $(touch pwned)"],
      ['b', '`touch pwned`; *'],
    ]);
    expect(existsSync(path.join(cwd, 'pwned'))).toBe(false);

    const again = await runCli([...command, '--json', '--filter', '{"status":"failed"}'], { cwd });
    expect(JSON.parse(again.stdout)).toMatchObject({ passId: result.passId, completed: 0, failed: 1, skipped: 0 });
  });

  it('prints what it would run with --dry-run, and runs nothing', async () => {
    const cwd = workspace();
    const dry = await runCli(['run', '--tasks', 'rows.jsonl', '--command', 'touch ran; echo {text}', '--dry-run'], { cwd });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Dry run of pass pass-[0-9a-f]{12} \(command\): nothing was run\.\n {2}3 rows to run \(0 already done\), one command each, such as:\n/);
    expect(dry.stdout).toContain(`  a: touch ran; echo 'it'\\''s $(touch pwned)'\n`);
    expect(existsSync(path.join(cwd, 'ran'))).toBe(false);
  });

  it('gives each row a worktree and branch with --isolation worktree', async () => {
    const cwd = workspace();
    const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
    git('init', '--quiet');
    writeFileSync(path.join(cwd, '.gitignore'), '.swarm/\n');
    git('add', '--all');
    git('-c', 'user.name=T', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'start');
    const run = await runCli(['run', '--tasks', 'rows.jsonl', '--command', 'printf %s {id} > id.txt', '--isolation', 'worktree', '--json'], { cwd });
    expect(run.code).toBe(0);
    const { table } = JSON.parse(run.stdout);
    for (const id of ['a', 'b', 'c']) expect(git('show', `swarm/${table}/${id}:id.txt`)).toBe(id);
    expect(git('status', '--porcelain')).toBe('');
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('refuses model flags with --command, and command flags without it, before anything runs', async () => {
    const cwd = workspace();
    const withModel = await runCli(['run', '--tasks', 'rows.jsonl', '--command', 'touch ran', '--model', 'mock', '--max-cost', '1'], { cwd });
    expect(withModel.code).toBe(2);
    expect(withModel.stderr).toContain('--model, --max-cost are not used with --command: it runs the command for each row and calls no model');
    const isolation = await runCli(['run', '--tasks', 'rows.jsonl', '-i', 'x {text}', '-s', '{"type":"object","properties":{"x":{"type":"string"}}}', '--isolation', 'worktree'], { cwd });
    expect(isolation.code).toBe(2);
    expect(isolation.stderr).toContain('--isolation goes with --command');
    const quoted = await runCli(['run', '--tasks', 'rows.jsonl', '--command', 'touch ran; echo "{text}"'], { cwd });
    expect(quoted.code).toBe(2);
    expect(quoted.stderr).toContain('{text} stands inside "…" quotes in the command');
    expect(existsSync(path.join(cwd, 'ran'))).toBe(false);
  });

  it('ends every running command on Ctrl-C, with its process group, and leaves the rows pending', async () => {
    const cwd = workspace();
    const child = spawnCli(['run', '--tasks', 'rows.jsonl', '--command', 'sleep 1000 & echo $! > pids-{id}; echo $$ >> pids-{id}; wait', '--concurrency', '3', '--json'], { cwd });
    let stdout = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const pidFiles = ['a', 'b', 'c'].map((id) => path.join(cwd, `pids-${id}`));
    while (!pidFiles.every((file) => existsSync(file) && readFileSync(file, 'utf8').trim().split('\n').length === 2)) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(JSON.parse(stdout)).toMatchObject({ completed: 0, failed: 0, pending: 3, stopped: { reason: 'aborted' } });
    for (const pid of pidFiles.flatMap((file) => readFileSync(file, 'utf8').trim().split('\n').map(Number))) expect(isAlive(pid)).toBe(false);
  });

  it('lists the command options in --help', async () => {
    const help = await runCli(['run', '--help'], { cwd: tmpdir() });
    expect(help.code).toBe(0);
    for (const flag of ['--command <line>', '--isolation <mode>', '--cwd <dir>', '--pass-env <name>', '--max-output-bytes <n>']) expect(help.stdout).toContain(flag);
    expect(help.stdout).toContain('(default: 600000)');
  });
});
