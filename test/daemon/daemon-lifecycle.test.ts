import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readDaemonFile } from '../../src/daemon/daemon-file.ts';
import { isProcessAlive } from '../../src/store/operations/process-alive.ts';
import { runCli, spawnCli } from '../support/run-cli.ts';
import { startDaemonProcess } from './support/daemon-process.ts';

const schema = JSON.stringify({ type: 'object', properties: { label: { type: 'string', enum: ['spam', 'ham'] } }, required: ['label'] });

function workFolder(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-daemon-'));
  onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
  return cwd;
}

function writeRows(cwd: string, count: number, file = 'rows.jsonl'): string {
  writeFileSync(path.join(cwd, file), Array.from({ length: count }, (_, index) => JSON.stringify({ id: `r${index + 1}`, text: `message ${index + 1}` })).join('\n'));
  return file;
}

/** A command's output with what differs from run to run (table ids, times) made equal. */
function normalized(text: string): string {
  return text
    .replace(/rows-[0-9a-f]{4}/g, 'rows-TABLE')
    .replace(/pass-[0-9a-f]{12}/g, 'pass-ID')
    .replace(/parallel-[0-9a-f]+/g, 'parallel-TABLE')
    .replace(/\d+(\.\d+)?\s?(ms|s)\b/g, 'TIME')
    .replace(/"latencyMs":[\d.]+/g, '"latencyMs":0');
}

describe('swarm start, status, logs, restart, stop', () => {
  it('runs the daemon in the background with a private daemon.json, and stops it', async () => {
    const cwd = workFolder();
    const daemon = await startDaemonProcess(cwd);
    const file = path.join(cwd, '.swarm', 'daemon.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(daemon.info.token).toMatch(/^[0-9a-f]{64}$/);
    expect(daemon.info.cwd).toBe(cwd);
    expect(await (await fetch(`http://127.0.0.1:${daemon.info.port}/health`)).json()).toEqual({ status: 'ok', service: 'swarm' });

    const status = await runCli(['status', '--json'], { cwd });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ running: true, pid: daemon.info.pid, port: daemon.info.port, runs: [], limiters: [], spend: { today: 0 } });
    expect(JSON.stringify(JSON.parse(status.stdout))).not.toContain(daemon.info.token);
    const text = await runCli(['status'], { cwd });
    expect(text.stdout).toMatch(/^Swarm daemon running: pid \d+, http:\/\/127\.0\.0\.1:\d+/);

    const again = await runCli(['start', '--port', '0'], { cwd });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`a daemon already serves ${path.join(cwd, '.swarm')} (pid ${daemon.info.pid}`);

    const logs = await runCli(['logs', '5'], { cwd });
    expect(logs.stdout).toMatch(/daemon listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(logs.stdout).not.toContain(daemon.info.token);

    const restarted = await runCli(['restart'], { cwd });
    expect(restarted.code).toBe(0);
    const after = readDaemonFile(path.join(cwd, '.swarm'))!;
    expect(after.pid).not.toBe(daemon.info.pid);
    expect(after.port).toBe(daemon.info.port);
    expect(after.token).not.toBe(daemon.info.token);
    expect(isProcessAlive(daemon.info.pid)).toBe(false);

    const stopped = await runCli(['stop'], { cwd });
    expect(stopped.stdout).toBe(`Stopped the daemon (pid ${after.pid}).\n`);
    expect(isProcessAlive(after.pid)).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect((await runCli(['status'], { cwd })).stdout).toBe(`No daemon runs for ${path.join(cwd, '.swarm')} (swarm start starts one).\n`);
    expect(JSON.parse((await runCli(['status', '--json'], { cwd })).stdout)).toEqual({ running: false, store: path.join(cwd, '.swarm') });
    // Ten CLI starts and two daemon starts: a few seconds each on a busy machine.
  }, 120_000);

  it('says why a daemon cannot start (a port in use) and exits 2', async () => {
    const cwd = workFolder();
    const daemon = await startDaemonProcess(cwd);
    const other = workFolder();
    const refused = await runCli(['start', '--port', String(daemon.info.port)], { cwd: other });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`port ${daemon.info.port} on 127.0.0.1 is in use`);
    expect(readDaemonFile(path.join(other, '.swarm'))).toBeUndefined();
  }, 90_000);
});

describe('commands through the daemon', () => {
  it('swarm run prints and exits as it does without a daemon, the pass running in the daemon', async () => {
    const alone = workFolder();
    const served = workFolder();
    for (const cwd of [alone, served]) writeRows(cwd, 6);
    const daemon = await startDaemonProcess(served);
    const args = ['run', '--tasks', 'rows.jsonl', '-i', 'Label {text}', '-s', schema, '-m', 'mock:default?latencyMs=5', '--batch-size', '1'];
    for (const extra of [['--json'], []]) {
      const [inProcess, throughDaemon] = await Promise.all([runCli([...args, ...extra], { cwd: alone }), runCli([...args, ...extra], { cwd: served })]);
      expect(throughDaemon.code).toBe(inProcess.code);
      expect(normalized(throughDaemon.stdout)).toBe(normalized(inProcess.stdout));
      expect(normalized(throughDaemon.stderr)).toBe(normalized(inProcess.stderr));
    }
    const { runs } = (await (await daemon.call('GET', '/runs')).json()) as { runs: Array<{ kind: string; status: string }> };
    expect(runs.map((run) => [run.kind, run.status])).toEqual([
      ['pass', 'completed'],
      ['pass', 'completed'],
    ]);

    // Refusals: the same message and exit code, and the one-shot table taken back either way.
    const refusedArgs = ['run', '--tasks', 'rows.jsonl', '-i', 'Label {nope}', '-s', schema, '-m', 'mock', '--json'];
    writeRows(alone, 3, 'rows.jsonl');
    writeRows(served, 3, 'rows.jsonl');
    const [refusedHere, refusedThere] = await Promise.all([runCli(refusedArgs, { cwd: alone }), runCli(refusedArgs, { cwd: served })]);
    expect(refusedThere.code).toBe(2);
    expect(refusedThere.code).toBe(refusedHere.code);
    expect(normalized(refusedThere.stderr)).toBe(normalized(refusedHere.stderr));
    // Failed rows: exit 3 either way.
    const failing = ['run', '--tasks', 'rows.jsonl', '-i', 'Label {text}', '-s', schema, '-m', 'mock:default?failureRate=1', '--max-attempts', '1', '--json'];
    const [failedHere, failedThere] = await Promise.all([runCli(failing, { cwd: alone }), runCli(failing, { cwd: served })]);
    expect(failedThere.code).toBe(3);
    expect(failedThere.code).toBe(failedHere.code);
    expect(normalized(failedThere.stdout)).toBe(normalized(failedHere.stdout));
  }, 90_000);

  it('Ctrl-C on swarm run cancels the pass in the daemon and exits 130, the rows left pending', async () => {
    const cwd = workFolder();
    writeRows(cwd, 50);
    const daemon = await startDaemonProcess(cwd);
    const child = spawnCli(['run', '--tasks', 'rows.jsonl', '-i', 'Label {text}', '-s', schema, '-m', 'mock:default?latencyMs=200', '--batch-size', '1', '--concurrency', '2', '--json'], { cwd });
    let stdout = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    await expect.poll(async () => ((await (await daemon.call('GET', '/runs')).json()) as { runs: unknown[] }).runs.length, { timeout: 10_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    const result = JSON.parse(stdout) as { completed: number; pending: number; stopped: { reason: string } };
    expect(result.stopped.reason).toBe('aborted');
    expect(result.pending).toBeGreaterThan(0);
    const { runs } = (await (await daemon.call('GET', '/runs')).json()) as { runs: Array<{ status: string }> };
    expect(runs[0]!.status).toBe('cancelled');
  }, 90_000);

  it('swarm parallel prints the same results in order, with or without the daemon', async () => {
    const alone = workFolder();
    const served = workFolder();
    await startDaemonProcess(served);
    const args = ['parallel', 'What is OpenAI?', 'What is Anthropic?', 'What is Google DeepMind?', '-m', 'mock:default?latencyMs=5&jitterMs=5'];
    const [inProcess, throughDaemon] = await Promise.all([runCli(args, { cwd: alone }), runCli(args, { cwd: served })]);
    expect(throughDaemon.code).toBe(0);
    expect(throughDaemon.stdout).toBe(inProcess.stdout);
    expect(throughDaemon.stdout.split('\n').slice(0, 3).map((line) => line.slice(0, 4))).toEqual(['[1] ', '[2] ', '[3] ']);
    expect(normalized(throughDaemon.stderr)).toBe(normalized(inProcess.stderr));
    const json = JSON.parse((await runCli([...args, '--json'], { cwd: served })).stdout) as { results: Array<{ index: number; ok: boolean }> };
    expect(json.results.map((result) => [result.index, result.ok])).toEqual([
      [0, true],
      [1, true],
      [2, true],
    ]);
    const bench = JSON.parse((await runCli(['bench', '--tasks', '10', '-m', 'mock:default?latencyMs=20', '--json'], { cwd: served })).stdout) as Record<string, unknown>;
    expect(bench).toMatchObject({ tasks: 10, done: 10, failed: 0, through: 'daemon', publishedMs: 700 });
  }, 90_000);
});

