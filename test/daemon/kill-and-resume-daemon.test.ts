import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { startCountingServer, type CountingServer } from '../support/counting-openai-server.ts';
import { runCli, spawnCli } from '../support/run-cli.ts';
import { processGone, startDaemonProcess } from './support/daemon-process.ts';

const rowCount = 300;
const concurrency = 8;
const schema = { type: 'object', properties: { label: { type: 'string' } }, required: ['label'] };

describe('the daemon killed with -9 in the middle of a pass, then started again', () => {
  let server: CountingServer | undefined;
  afterEach(async () => server?.close());

  it('resumes the pass on its own: every row answered exactly once, only calls in flight repeated', async () => {
    server = await startCountingServer({ latencyMs: 15 });
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-daemon-kill-'));
    onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
    writeFileSync(path.join(cwd, 'swarm.config.yaml'), `providers:\n  local:\n    baseURL: ${server.url}\n`);
    const daemon = await startDaemonProcess(cwd);
    const table = (await (
      await daemon.call('POST', '/tables', { tasks: Array.from({ length: rowCount }, (_, index) => ({ id: `row-${index}`, text: `text ${index}` })) })
    ).json()) as { id: string };
    const started = (await (
      await daemon.call('POST', `/tables/${table.id}/passes`, { instruction: 'Label {text}', responseSchema: schema, model: 'local:counting-model', batchSize: 1, concurrency })
    ).json()) as { run: { id: string } };

    await expect.poll(() => server!.received(), { timeout: 20_000, interval: 1 }).toBeGreaterThanOrEqual(rowCount / 3);
    process.kill(daemon.info.pid, 'SIGKILL');
    await processGone(daemon.info.pid);
    const receivedAtKill = server.received();
    expect(receivedAtKill).toBeLessThan(rowCount);

    const restarted = await startDaemonProcess(cwd);
    const ended = await expect
      .poll(async () => ((await (await restarted.call('GET', `/runs/${started.run.id}`)).json()) as { status: string }).status, { timeout: 30_000, interval: 100 })
      .toBe('completed');
    void ended;
    const run = (await (await restarted.call('GET', `/runs/${started.run.id}`)).json()) as { result: { completed: number; skipped: number; failed: number } };
    expect(run.result.failed).toBe(0);
    expect(run.result.completed + run.result.skipped).toBe(rowCount);
    expect(run.result.skipped).toBeGreaterThan(0);
    expect((await runCli(['logs', '50'], { cwd })).stdout).toContain(`resuming run ${started.run.id} (pass)`);

    const store = new DatabaseSync(path.join(cwd, '.swarm', 'swarm.db'), { readOnly: true });
    const results = store.prepare(`SELECT row_id, status, output FROM results`).all() as { row_id: string; status: string; output: string }[];
    store.close();
    expect(results).toHaveLength(rowCount);
    for (const row of results) {
      expect(row.status).toBe('done');
      expect(JSON.parse(row.output)).toEqual({ label: `label-${row.row_id}` });
    }
    expect(server.requestsByRow.size).toBe(rowCount);
    const repeated = [...server.requestsByRow.values()].reduce((sum, count) => sum + count - 1, 0);
    expect(repeated).toBeLessThanOrEqual(concurrency);
  }, 90_000);

  it('ends a swarm run going through it with exit code 4, saying the pass resumes when the daemon starts again', async () => {
    server = await startCountingServer({ latencyMs: 15 });
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-daemon-kill-cli-'));
    onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
    writeFileSync(path.join(cwd, 'swarm.config.yaml'), `providers:\n  local:\n    baseURL: ${server.url}\n`);
    writeFileSync(path.join(cwd, 'rows.jsonl'), Array.from({ length: rowCount }, (_, index) => JSON.stringify({ id: `row-${index}`, text: `text ${index}` })).join('\n'));
    const daemon = await startDaemonProcess(cwd);
    const child = spawnCli(['run', '--tasks', 'rows.jsonl', '-i', 'Label {text}', '-s', JSON.stringify(schema), '-m', 'local:counting-model', '--batch-size', '1', '--concurrency', String(concurrency), '--json'], { cwd });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    await expect.poll(() => server!.received(), { timeout: 20_000, interval: 1 }).toBeGreaterThanOrEqual(rowCount / 3);
    process.kill(daemon.info.pid, 'SIGKILL');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(4);
    expect(JSON.parse(stderr.trim().split('\n').at(-1)!)).toEqual({
      error: { name: 'DaemonStoppedError', message: expect.stringContaining('it resumes when the daemon starts again'), exitCode: 4 },
    });
  }, 90_000);
});
