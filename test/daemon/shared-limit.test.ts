import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startSimulator } from '../../src/simulator/index.ts';
import { runCli } from '../support/run-cli.ts';
import { startDaemonProcess } from './support/daemon-process.ts';

const rowsPerCommand = 150;
const requestsPerMinute = 2_400;
const schema = JSON.stringify({ type: 'object', properties: { label: { type: 'string', enum: ['spam', 'ham'] } }, required: ['label'] });

describe('two swarm run commands on one key while the daemon runs', () => {
  it('share its one limiter: the provider refuses at most 0.5 % of their calls, and every row is answered', async () => {
    const simulator = await startSimulator({ limits: { requestsPerMinute }, latency: { firstTokenMs: { median: 60, p90: 120 } } });
    onTestFinished(() => simulator.close());
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-shared-limit-'));
    onTestFinished(() => rmSync(cwd, { recursive: true, force: true }));
    const env = { OPENAI_API_KEY: 'sk-shared-limit-test-0123456789', OPENAI_BASE_URL: simulator.baseUrls.openai };
    for (const index of [0, 1]) {
      const rows = Array.from({ length: rowsPerCommand }, (_, row) => JSON.stringify({ id: `r${index}-${row}`, text: `message ${index}-${row}` }));
      writeFileSync(path.join(cwd, `rows-${index}.jsonl`), `${rows.join('\n')}\n`);
    }
    const daemon = await startDaemonProcess(cwd, env);
    const command = (index: number) => runCli(['run', '--tasks', `rows-${index}.jsonl`, '-i', 'Is this spam? {text}', '-s', schema, '-m', 'openai:gpt-4o-mini', '--batch-size', '1', '--json', '--quiet'], { cwd, env });
    const [first, second] = await Promise.all([command(0), command(1)]);
    for (const result of [first, second]) {
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ completed: rowsPerCommand, failed: 0 });
    }
    const { runs } = (await (await daemon.call('GET', '/runs')).json()) as { runs: Array<{ kind: string }> };
    expect(runs.map((run) => run.kind)).toEqual(['pass', 'pass']);
    const { total } = simulator.stats();
    expect(total.accepted).toBeGreaterThanOrEqual(2 * rowsPerCommand);
    expect(total.rateLimited / total.received).toBeLessThanOrEqual(0.005);
  }, 120_000);
});
