import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runShellCommand } from './run-shell-command.ts';

function tempFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'swarm-shell-'));
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** True while the process exists and is not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
const options = { env, timeoutMs: 10_000, maxOutputBytes: 1000, killGraceMs: 500 };
// The shell starts a grandchild in the background, writes both pids, and waits on it.
const withGrandchild = 'sleep 1000 & echo $! > pids; echo $$ >> pids; wait';

function pidsIn(folder: string): number[] {
  return readFileSync(path.join(folder, 'pids'), 'utf8').trim().split('\n').map(Number);
}

describe('runShellCommand', () => {
  it('gives the exit code, stdout and the end of stderr', async () => {
    const cwd = tempFolder();
    const result = await runShellCommand('pwd; echo oops >&2; exit 3', { ...options, cwd });
    expect(result).toMatchObject({ end: 'exited', exitCode: 3, signal: null, stdout: `${cwd}\n`, stderrTail: 'oops\n' });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('writes `stdin` to the command, which may also leave it unread', async () => {
    const cwd = tempFolder();
    const big = 'x'.repeat(1_000_000);
    expect(await runShellCommand('wc -c', { ...options, cwd, stdin: big })).toMatchObject({ end: 'exited', exitCode: 0, stdout: expect.stringMatching(/^\s*1000000\n$/) });
    expect(await runShellCommand('echo ignored', { ...options, cwd, stdin: big })).toMatchObject({ end: 'exited', exitCode: 0, stdout: 'ignored\n' });
    expect(await runShellCommand('cat', { ...options, cwd })).toMatchObject({ end: 'exited', exitCode: 0, stdout: '' });
  });

  it('ends the whole process group at the timeout: the shell and its background grandchild', async () => {
    const cwd = tempFolder();
    const result = await runShellCommand(withGrandchild, { ...options, cwd, timeoutMs: 300 });
    expect(result.end).toBe('timeout');
    expect(result.signal).toBe('SIGTERM');
    const pids = pidsIn(cwd);
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  });

  it('ends the whole process group on abort, and with SIGKILL what ignores SIGTERM', async () => {
    const cwd = tempFolder();
    const controller = new AbortController();
    const running = runShellCommand(`trap '' TERM; (trap '' TERM; sleep 1000) & echo $! > pids; echo $$ >> pids; wait`, {
      ...options,
      cwd,
      abortSignal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
    const result = await running;
    expect(result.end).toBe('aborted');
    expect(result.signal).toBe('SIGKILL');
    for (const pid of pidsIn(cwd)) expect(isAlive(pid)).toBe(false);
  });

  it('ends what a command left running when it exits', async () => {
    const cwd = tempFolder();
    const result = await runShellCommand('sleep 1000 & echo $! > pids; echo $$ >> pids; echo done', { ...options, cwd });
    expect(result).toMatchObject({ end: 'exited', exitCode: 0, stdout: 'done\n' });
    for (const pid of pidsIn(cwd)) expect(isAlive(pid)).toBe(false);
  });

  it('ends a command that writes more than the cap, keeping what came before it', async () => {
    const cwd = tempFolder();
    const result = await runShellCommand('yes', { ...options, cwd, maxOutputBytes: 100_000 });
    expect(result.end).toBe('output-cap');
    expect(result.stdout).toHaveLength(100_000);
    expect(result.stdout.startsWith('y\ny\n')).toBe(true);
  });

  it('keeps only the end of a long stderr', async () => {
    const cwd = tempFolder();
    const result = await runShellCommand("i=0; while [ $i -lt 3000 ]; do echo line$i >&2; i=$((i+1)); done; echo last >&2", { ...options, cwd, stderrTailBytes: 100 });
    expect(result.stderrTail.length).toBeLessThanOrEqual(100);
    expect(result.stderrTail.endsWith('line2999\nlast\n')).toBe(true);
  });

  it('says why a command could not start', async () => {
    const result = await runShellCommand('true', { ...options, cwd: path.join(tmpdir(), 'swarm-no-such-folder') });
    expect(result.end).toBe('not-started');
    expect(result.startError).toMatch(/ENOENT/);
  });

  it('gets only the environment given', async () => {
    const cwd = tempFolder();
    const result = await runShellCommand('echo "${OPENAI_API_KEY:-none} $ONLY"', { ...options, cwd, env: { ...env, ONLY: 'this' } });
    expect(result.stdout).toBe('none this\n');
  });
});
