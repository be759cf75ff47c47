// The shell tool with real processes: what it runs, what it refuses, the process-group kill, the
// output caps, and the environment a child gets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maxToolOutputCharacters } from '../cap-tool-output.ts';
import { createBuiltInTools } from '../create-built-in-tools.ts';
import { ToolFailedError } from '../tool-failed-error.ts';
import { ToolRefusedError } from '../tool-refused-error.ts';
import type { ShellSettings, ToolSettings } from '../tool-settings.ts';

interface ShellOutput {
  exit_code: number | null;
  signal?: string;
  timed_out?: string;
  stdout: string;
  stderr: string;
}

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'swarm-shell-tool-'));
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function shell(shellSettings: ShellSettings, settings: Partial<ToolSettings> = {}) {
  const tools = createBuiltInTools(['shell'], { root, shell: shellSettings, ...settings });
  return (command: string, abortSignal?: AbortSignal) =>
    Promise.resolve(tools.shell!.execute!({ command } as never, { toolCallId: 'call-1', messages: [], context: {}, abortSignal })) as Promise<ShellOutput>;
}

async function refusal(run: Promise<unknown>): Promise<ToolRefusedError> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(ToolRefusedError.isInstance(error)).toBe(true);
  return error as ToolRefusedError;
}

/** Whether a process is still running: a zombie waiting for its reaper counts as gone. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Whether a process is gone within a second: a SIGKILL is sent at once but takes effect when the kernel next runs it. */
async function isGoneSoon(pid: number): Promise<boolean> {
  for (let tries = 0; tries < 50 && isRunning(pid); tries++) await new Promise((resolve) => setTimeout(resolve, 20));
  return !isRunning(pid);
}

async function waitForFile(file: string): Promise<string> {
  for (let tries = 0; tries < 100 && !fs.existsSync(file); tries++) await new Promise((resolve) => setTimeout(resolve, 20));
  return fs.readFileSync(file, 'utf8').trim();
}

describe('shell tool', () => {
  it('runs an allowed program in the root, without a shell, and answers exit code, stdout and stderr', async () => {
    const run = shell({ allow: ['pwd', 'sh', 'echo'] });
    expect(await run('pwd')).toEqual({ exit_code: 0, stdout: `${fs.realpathSync(root)}\n`, stderr: '' });
    expect(await run(`sh -c 'echo out; echo oops >&2; exit 3'`)).toEqual({ exit_code: 3, stdout: 'out\n', stderr: 'oops\n' });
    expect(await run('echo "a  b" *.nothing')).toEqual({ exit_code: 0, stdout: 'a  b *.nothing\n', stderr: '' });
  });

  it('refuses a program not on the allowlist, and one given by path, without running anything', async () => {
    const run = shell({ allow: ['ls'] });
    const notAllowed = await refusal(run('touch made-by-touch'));
    expect(notAllowed.reason).toBe('program-not-allowed');
    expect(notAllowed.message).toBe('refused: "touch" is not an allowed program; allowed: ls');
    fs.writeFileSync(path.join(root, 'ls'), '#!/bin/sh\ntouch made-by-script\n', { mode: 0o755 });
    expect((await refusal(run('./ls'))).message).toMatch(/run programs by name, not by path/);
    expect((await refusal(run('/usr/bin/touch made-by-touch'))).reason).toBe('program-not-allowed');
    expect(fs.readdirSync(root)).toEqual(['ls']);
  });

  it("allows any program with ['*'], and says when a program does not exist", async () => {
    const run = shell({ allow: ['*'] });
    expect((await run('true')).exit_code).toBe(0);
    const error = await run('no-such-program-here').catch((caught: unknown) => caught);
    expect(ToolFailedError.isInstance(error) && error.message).toBe('program not found: "no-such-program-here"');
  });

  it('refuses shell operators and expansions before running anything', async () => {
    const run = shell({ allow: ['*'] });
    for (const command of ['touch a; touch b', 'touch a && touch b', 'touch a | touch b', 'touch a & touch b', 'echo x > made', 'touch $(echo made)', 'touch `echo made`', 'touch ${HOME}', 'touch a\ntouch b']) {
      expect((await refusal(run(command))).reason, command).toBe('shell-syntax');
    }
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('kills the whole process group on timeout: a child and the grandchild it started are both gone', async () => {
    const run = shell({ allow: ['sh'], timeoutMs: 500 });
    const started = performance.now();
    const output = await run(`sh -c 'echo $$ > child.pid; sleep 30 & echo $! > grandchild.pid; wait'`);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(output).toMatchObject({ exit_code: null, signal: 'SIGKILL', timed_out: 'killed after 500 ms' });
    const child = Number(await waitForFile(path.join(root, 'child.pid')));
    const grandchild = Number(await waitForFile(path.join(root, 'grandchild.pid')));
    expect(await isGoneSoon(child)).toBe(true);
    expect(await isGoneSoon(grandchild)).toBe(true);
  });

  it('kills what a program left running in the background when it exits', async () => {
    const run = shell({ allow: ['sh'] });
    const started = performance.now();
    expect((await run(`sh -c 'sleep 30 & echo $! > background.pid'`)).exit_code).toBe(0);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await isGoneSoon(Number(await waitForFile(path.join(root, 'background.pid'))))).toBe(true);
  });

  it('kills the process group when the call is aborted', async () => {
    const run = shell({ allow: ['sh'] });
    const controller = new AbortController();
    const running = run(`sh -c 'echo $$ > child.pid; sleep 30'`, controller.signal);
    const child = Number(await waitForFile(path.join(root, 'child.pid')));
    controller.abort(new Error('stopped by the pass'));
    await expect(running).rejects.toThrow('stopped by the pass');
    expect(await isGoneSoon(child)).toBe(true);
  });

  it('keeps maxOutputBytes of each stream and the answer under the tool output cap', async () => {
    const small = await shell({ allow: ['seq'], maxOutputBytes: 100 })('seq 1 100000');
    const all = Array.from({ length: 100_000 }, (_, index) => `${index + 1}\n`).join('');
    expect(small.stdout).toBe(`${all.slice(0, 100)}\n[cut at 100 bytes; ${all.length - 100} more bytes not kept]`);
    const large = await shell({ allow: ['seq'] })('seq 1 100000');
    expect(large.stdout.length + large.stderr.length).toBeLessThanOrEqual(maxToolOutputCharacters);
    expect(large.stdout).toMatch(/\[output cut: \d+ of \d+ characters not shown\]$/);
  });

  it('gives the child no API key, token or secret, even when the given environment has them', async () => {
    const run = shell(
      { allow: ['env'] },
      {
        environment: {
          PATH: process.env.PATH,
          HOME: '/home/agent',
          LANG: 'C.UTF-8',
          OPENAI_API_KEY: 'sk-proj-shelltest0123456789abcdef',
          ANTHROPIC_API_KEY: 'sk-ant-api03-shelltest0123456789',
          GITHUB_TOKEN: 'ghp_shelltest0123456789abcdef',
          NPM_TOKEN: 'npm-token-value-1234',
          AWS_SECRET_ACCESS_KEY: 'aws-secret-value-1234',
          CLIENT_SECRET: 'client-secret-value-1234',
          USER: 'sk-proj-copiedintouser0123456789',
          TMPDIR: '/tmp/client-secret-value-1234',
        },
      },
    );
    const { stdout } = await run('env');
    const names = stdout.trim().split('\n').map((line) => line.slice(0, line.indexOf('=')));
    expect(names.sort()).toEqual(['HOME', 'LANG', 'PATH']);
    expect(stdout).toContain('HOME=/home/agent\n');
    expect(stdout).not.toMatch(/sk-|ghp_|npm-token|aws-secret|client-secret/);
  });

  it('exists only with shell settings', () => {
    expect(() => createBuiltInTools(['shell'], { root })).toThrow('the shell tool needs shell settings');
  });
});
