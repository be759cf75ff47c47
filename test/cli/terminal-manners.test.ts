import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.ts';
import { repositoryRoot, runCli } from '../support/run-cli.ts';
import { hasScript, runInTerminal, type TerminalRun } from '../support/run-in-terminal.ts';

function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-terminal-'));
  cpSync(path.join(repositoryRoot, 'examples'), path.join(cwd, 'examples'), { recursive: true });
  return cwd;
}

const schema = 'examples/sentiment.schema.json';

/** The widest progress line drawn (text lines may wrap; the bar must not). */
function barWidth(run: TerminalRun): number {
  return Math.max(...run.drawn.filter((line) => line.includes(' done · ')).map((line) => [...line].length));
}
const reviews = ['--tasks', 'examples/reviews.jsonl', '-i', 'Classify the sentiment of {text}', '-s', schema];

describe.skipIf(!hasScript)('swarm run in a terminal', () => {
  it('draws one line that fits 80 columns, with the elapsed time, and the summary on lines of its own', async () => {
    const cwd = workspace();
    const run = await runInTerminal(['run', ...reviews, '-m', 'mock:default?latencyMs=100', '--batch-size', '1', '--concurrency', '4'], { cwd, columns: 80 });
    expect(run.code).toBe(0);
    expect(barWidth(run)).toBeLessThanOrEqual(80);
    const bar = run.screen.find((line) => line.includes('30/30 done'))!;
    expect(bar).toMatch(/30\/30 done · 0 failed · \d+s · ETA/);
    expect(run.screen[run.screen.indexOf(bar) + 1]).toMatch(/^Pass pass-\w+ on table/);
    expect(run.screen).toContain('  30 rows: 30 completed, 0 failed, 0 already done, 0 pending');
  });

  it('on a resume shows the rows already done beside this run\'s count', async () => {
    const cwd = workspace();
    expect((await runCli(['run', ...reviews, '-m', 'mock', '--limit', '10', '--quiet'], { cwd })).code).toBe(0);
    const run = await runInTerminal(['run', ...reviews, '-m', 'mock'], { cwd, columns: 120 });
    expect(run.code).toBe(0);
    expect(run.screen.some((line) => /20\/20 done · 10 already done · 0 failed/.test(line))).toBe(true);
    expect(run.screen).toContain('  30 rows: 20 completed, 0 failed, 10 already done, 0 pending');
  });

  it('stops on Ctrl-C with the bar left whole and "Stopping" and the summary each on lines of their own', async () => {
    const cwd = workspace();
    let typed = false;
    const run = await runInTerminal(['run', ...reviews, '-m', 'mock:default?latencyMs=400', '--batch-size', '1', '--concurrency', '2'], {
      cwd,
      columns: 80,
      onOutput(output, type) {
        if (!typed && /[3-9]\/30 done/.test(output)) {
          typed = true;
          type('\x03');
        }
      },
    });
    expect(run.code).toBe(130);
    expect(barWidth(run)).toBeLessThanOrEqual(80);
    const stopping = run.screen.findIndex((line) => line.startsWith('Stopping: calls in flight are abandoned'));
    expect(stopping).toBeGreaterThan(0);
    expect(run.screen[stopping - 1]).toMatch(/\/30 done · 0 failed/);
    expect(run.screen[stopping]).toBe('Stopping: calls in flight are abandoned and their rows left pending; press Ctrl-C again to quit at once.');
    expect(run.screen[stopping + 1]).toMatch(/^Pass pass-\w+ on table/);
    expect(run.screen.filter(Boolean).at(-1)).toBe('Run the same command again to resume the pending rows.');
  });

  it('draws no bar for a run refused before it starts', async () => {
    const cwd = workspace();
    const run = await runInTerminal(['run', '--tasks', 'examples/reviews.jsonl', '-i', 'Classify {body}', '-s', schema, '-m', 'mock'], { cwd });
    expect(run.code).toBe(2);
    expect(run.output).not.toContain('done');
    expect(run.screen.filter((line) => line !== '')).toEqual([expect.stringContaining('swarm: instruction uses {body}')]);
  });

  it('leaves out the least useful counts on a narrow terminal instead of cutting the line', async () => {
    const cwd = workspace();
    const run = await runInTerminal(['run', ...reviews, '-m', 'mock:default?latencyMs=50', '--batch-size', '1'], { cwd, columns: 50 });
    expect(run.code).toBe(0);
    expect(barWidth(run)).toBeLessThanOrEqual(50);
    expect(run.screen.some((line) => line.startsWith('30/30 done · 0 failed'))).toBe(true);
  });
});

describe('progress lines in a log', () => {
  it('counts calls waiting to retry apart from the calls in flight, and the summary counts the retries', async () => {
    const cwd = workspace();
    const simulator = await startSimulator({ faults: { serverErrorRate: 0.3 }, latency: { firstTokenMs: 100 }, seed: 7 });
    try {
      const env = { OPENAI_BASE_URL: simulator.baseUrls.openai, OPENAI_API_KEY: 'sk-simulated-key' };
      const run = await runCli(['run', ...reviews, '-m', 'openai:gpt-4o-mini', '--batch-size', '1', '--concurrency', '4', '--max-attempts', '10', '--progress-interval', '200'], { cwd, env });
      expect(run.code).toBe(0);
      const lines = run.stderr.split('\n').filter((line) => /^\[\d+s\] /.test(line));
      const waiting = lines.map((line) => /(\d+) in flight · (\d+) waiting to retry/.exec(line)).filter((match) => match !== null);
      expect(waiting.length).toBeGreaterThan(0);
      // Calls in flight never pass the concurrency cap; rows waiting to retry do not hold a slot
      // (another row's call takes it meanwhile), so the two together may.
      for (const match of waiting) expect(Number(match[1])).toBeLessThanOrEqual(4);
      expect(run.stderr).toMatch(/\d+ calls \(\d+ retries of the same rows\)/);
    } finally {
      await simulator.close();
    }
  });
});

describe('swarm in a pipe', () => {
  it('exits quietly when the reader goes away (rows | head -1, tables | true)', async () => {
    const cwd = workspace();
    const lines = Array.from({ length: 5000 }, (_, index) => JSON.stringify({ id: `r${index}`, text: 'x'.repeat(200) })).join('\n');
    writeFileSync(path.join(cwd, 'big.jsonl'), `${lines}\n`);
    const table = JSON.parse((await runCli(['create', '--tasks', 'big.jsonl', '--json'], { cwd })).stdout).id as string;
    const swarm = `'${process.execPath}' '${path.join(repositoryRoot, 'bin/swarm.ts')}'`;
    for (const pipeline of [`${swarm} rows ${table} | head -1`, `${swarm} tables | true`, `${swarm} export ${table} --out - | head -2`]) {
      const result = spawnSync('bash', ['-c', `set -o pipefail; ${pipeline}`], { cwd, encoding: 'utf8' });
      expect(result.stderr, pipeline).toBe('');
      expect(result.status, pipeline).toBe(0);
    }
  });
});

describe('what a run says it needs', () => {
  it('names the cap to raise after a budget stop, instead of a re-run that would stop again', async () => {
    const cwd = workspace();
    // The mock at a price high enough for a cap to bite.
    writeFileSync(path.join(cwd, 'swarm.config.yaml'), 'prices:\n  "mock:default": { inputPerMillion: 1000, outputPerMillion: 1000 }\n');
    const capped = await runCli(['run', ...reviews, '-m', 'mock', '--batch-size', '1', '--max-cost', '0.5'], { cwd });
    expect(capped.code).toBe(4);
    expect(capped.stderr).toContain('Stopped: maxCost $0.5000 reached');
    expect(capped.stderr).toContain('to finish, run the same command with a higher --max-cost');
    expect(capped.stderr).not.toContain('Run the same command again');
  });

  it('names the key to fix after the provider refuses it', async () => {
    const cwd = workspace();
    const simulator = await startSimulator({ faults: { failAll: 'auth' } });
    try {
      const run = await runCli(['run', ...reviews, '-m', 'openai:gpt-4o-mini'], {
        cwd,
        env: { OPENAI_BASE_URL: simulator.baseUrls.openai, OPENAI_API_KEY: 'sk-simulated-key' },
      });
      expect(run.code).toBe(4);
      expect(run.stderr).toContain('Fix the key in OPENAI_API_KEY, then run the same command again to resume.');
    } finally {
      await simulator.close();
    }
  });

  it('counts the calls that asked again for the same rows', async () => {
    const cwd = workspace();
    const run = await runCli(['run', ...reviews, '-m', 'mock:default?malformedRate=0.5', '--batch-size', '1', '--json'], { cwd });
    const result = JSON.parse(run.stdout);
    expect(result.usage.retries).toBeGreaterThan(0);
    expect(result.usage.calls).toBe(30 + result.usage.retries);
    expect(run.stderr).toContain(`${result.usage.calls} calls (${result.usage.retries} retries of the same rows)`);
  });
});

describe('swarm simulate ports', () => {
  it('refuses a port out of range or taken with a clear message and exit code 2', async () => {
    const cwd = workspace();
    const outOfRange = await runCli(['simulate', '--port', '99999'], { cwd });
    expect(outOfRange.code).toBe(2);
    expect(outOfRange.stderr).toContain('expected a port number from 0 to 65535');
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    try {
      const port = (holder.address() as { port: number }).port;
      const taken = await runCli(['simulate', '--port', String(port)], { cwd });
      expect(taken.code).toBe(2);
      expect(taken.stderr).toBe(`swarm: port ${port} is already in use: pick another with --port, or --port 0 for any free port\n`);
    } finally {
      holder.close();
    }
  });
});

describe('read-only commands', () => {
  it('neither create the store folder nor read the config', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-empty-'));
    writeFileSync(path.join(cwd, 'swarm.config.yaml'), 'modle: typo\n');
    const tables = await runCli(['tables'], { cwd });
    expect(tables).toMatchObject({ code: 0, stderr: '' });
    expect(tables.stdout).toContain('No tables in');
    const rows = await runCli(['rows', 'reviews'], { cwd });
    expect(rows.code).toBe(2);
    expect(rows.stderr).toContain('unknown table "reviews"');
    expect((await runCli(['spend'], { cwd })).stdout).toBe('No calls recorded yet.\n');
    expect(existsSync(path.join(cwd, '.swarm'))).toBe(false);
  });
});
