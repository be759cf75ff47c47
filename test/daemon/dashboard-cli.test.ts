import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readDaemonFile } from '../../src/daemon/daemon-file.ts';
import { runCli } from '../support/run-cli.ts';
import { endProcess } from './support/daemon-process.ts';

describe('swarm start and swarm dashboard', () => {
  it('print the signed-in dashboard address, open it with the platform’s opener, or print it when there is none', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-dashboard-cli-'));
    const refused = await runCli(['dashboard'], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no daemon serves');

    const started = await runCli(['start', '--port', '0', '--json'], { cwd });
    expect(started.code).toBe(0);
    const info = readDaemonFile(path.join(cwd, '.swarm'))!;
    onTestFinished(() => endProcess(info.pid));
    const address = `http://127.0.0.1:${info.port}/?token=${info.token}`;
    expect(JSON.parse(started.stdout)).toMatchObject({ port: info.port, dashboard: address });
    expect(readFileSync(path.join(cwd, '.swarm', 'daemon.log'), 'utf8')).not.toContain(info.token);

    expect((await runCli(['dashboard', '--print'], { cwd })).stdout).toBe(`${address}\n`);

    // An opener on PATH is given the address; without one, the address is printed.
    const bin = path.join(cwd, 'bin');
    mkdirSync(bin);
    const opened = path.join(cwd, 'opened.txt');
    writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
    chmodSync(path.join(bin, 'xdg-open'), 0o755);
    const withOpener = await runCli(['dashboard'], { cwd, env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(withOpener.code).toBe(0);
    expect(withOpener.stdout).toContain('Opened the dashboard');
    expect(readFileSync(opened, 'utf8')).toBe(address);
    const empty = path.join(cwd, 'empty');
    mkdirSync(empty);
    const withoutOpener = await runCli(['dashboard'], { cwd, env: { PATH: empty } });
    expect(withoutOpener.code).toBe(0);
    expect(withoutOpener.stdout).toBe(`No browser to open here; open this address:\n${address}\n`);
  }, 60_000);
});
