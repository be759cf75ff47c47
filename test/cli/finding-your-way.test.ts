import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.ts';
import { repositoryRoot, runCli } from '../support/run-cli.ts';

function workspace(): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'swarm-newcomer-'));
  cpSync(path.join(repositoryRoot, 'examples'), path.join(cwd, 'examples'), { recursive: true });
  return cwd;
}

const schema = 'examples/sentiment.schema.json';
const reviews = ['--tasks', 'examples/reviews.jsonl', '-i', 'Classify the sentiment of {text}', '-s', schema];
const packageVersion = (JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** The first `node` on PATH older than 24, if the machine has one (the system Node, say). */
function oldNode(): string | undefined {
  const found = spawnSync('bash', ['-c', 'which -a node'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  return found.find((node) => Number(spawnSync(node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim()) < 24);
}

describe('finding one\'s way', () => {
  it('prints the version, and tells an old Node to use npx swarm instead of failing on .ts', async () => {
    const cwd = workspace();
    const version = await runCli(['--version'], { cwd });
    expect(version).toMatchObject({ code: 0, stdout: `${packageVersion}\n` });
    // The installed command is the launcher: it runs Swarm on a new Node.
    const launcher = path.join(repositoryRoot, 'bin/swarm.js');
    const onPinnedNode = spawnSync(process.execPath, [launcher, '--version'], { cwd, encoding: 'utf8' });
    expect(onPinnedNode.stdout).toBe(`${packageVersion}\n`);
    const node = oldNode();
    if (node === undefined) return;
    const onOldNode = spawnSync(node, [launcher, 'tables'], { cwd, encoding: 'utf8' });
    expect(onOldNode.status).toBe(2);
    expect(onOldNode.stderr).toMatch(/^swarm: Swarm needs Node ≥ 24, and this is Node \d+\.[\d.]+\. Run it with `npx swarm`/);
    expect(onOldNode.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
  });

  it('shows failures with the raw answer, selects them by status, and retries only them in one command', async () => {
    const cwd = workspace();
    const failing = [...reviews, '-m', 'mock:default?malformedRate=0.5', '--batch-size', '1'];
    const first = JSON.parse((await runCli(['run', ...failing, '--json', '--quiet'], { cwd })).stdout);
    expect(first.failed).toBeGreaterThan(0);

    const failures = await runCli(['failures', first.table], { cwd });
    expect(failures.code).toBe(0);
    const failed = first.failures.map((failure: { id: string }) => failure.id) as string[];
    expect(failures.stdout).toContain(`${failed[0]}  ${first.passId}  invalid-output: invalid answer:`);
    expect(failures.stdout).toMatch(/\n {4}\| .+/);
    expect(failures.stdout).toContain(`--filter '{"status":"failed"}'`);
    const asJson = (await runCli(['failures', first.table, '--pass', first.passId, '--json'], { cwd })).stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(asJson.map((failure) => failure.rowId)).toEqual(failed);
    expect(asJson[0]).toMatchObject({ passId: first.passId, errorClass: 'invalid-output', rawOutput: expect.any(String) });

    const byStatus = await runCli(['rows', first.table, '--status', 'failed', '--columns', 'text'], { cwd });
    expect(byStatus.stdout.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual(failed);
    // --pass alone would select nothing by status: refused for rows and export alike, as is a pass
    // the table does not have inside a filter.
    for (const command of [['rows', first.table], ['export', first.table, '--out', '-']]) {
      const alone = await runCli([...command, '--pass', first.passId], { cwd });
      expect(alone.code).toBe(2);
      expect(alone.stderr).toContain('--pass goes with --status');
    }
    const bogus = await runCli(['rows', first.table, '--filter', '{"status":"pending","pass":"pass-bogus"}'], { cwd });
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('filter.pass "pass-bogus" is not a pass of this table');

    const retry = JSON.parse((await runCli(['run', ...failing, '--filter', '{"status":"failed"}', '--json', '--quiet'], { cwd })).stdout);
    expect(retry.passId).toBe(first.passId);
    // Only the failed rows were matched: none of the answered ones was sent again.
    expect(retry.completed + retry.failed + retry.skipped + retry.pending).toBe(failed.length);
  });

  it('lists passes and shows one, with its spending; spend adds it up; drop removes the table but keeps what it spent', async () => {
    const cwd = workspace();
    const run = JSON.parse((await runCli(['run', ...reviews, '-m', 'mock', '--json', '--quiet'], { cwd })).stdout);

    const passes = await runCli(['passes', run.table], { cwd });
    expect(passes.stdout.split('\n')[0]).toMatch(/^PASS +MODEL +STATUS +DONE +FAILED +CALLS +TOKENS +COST +TIME +INSTRUCTION$/);
    expect(passes.stdout).toMatch(new RegExp(`${run.passId} +mock:default +finished +30 +0 +${run.usage.calls} `));
    const listed = JSON.parse((await runCli(['passes', run.table, '--json'], { cwd })).stdout);
    expect(listed).toEqual([
      expect.objectContaining({ id: run.passId, model: 'mock:default', rows: { done: 30, failed: 0, unanswered: 0 }, calls: run.usage.calls, runs: 1, cost: 0 }),
    ]);

    const shown = await runCli(['show-pass', run.passId], { cwd });
    for (const part of ['model        mock:default', 'status       finished', 'rows         30 done, 0 failed', `calls        ${run.usage.calls} calls`, 'tokens       ', 'cost         $0.0000', 'time         ', '    Classify the sentiment of {text}']) {
      expect(shown.stdout).toContain(part);
    }

    const byModel = await runCli(['spend', '--by', 'model'], { cwd });
    expect(byModel.stdout).toMatch(new RegExp(`^MODEL +CALLS +INPUT +OUTPUT +COST\\nmock:default +${run.usage.calls} `));
    expect((await runCli(['spend', '--by', 'day'], { cwd })).stdout).toMatch(/^DAY \(UTC\) +CALLS/);

    const refused = await runCli(['drop', run.table], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`This would drop table ${run.table}: 30 rows and 1 pass with their results and calls. Add --yes to drop it.`);
    const dropped = await runCli(['drop', run.table, '--yes', '--json'], { cwd });
    expect(JSON.parse(dropped.stdout)).toEqual({ tableId: run.table, rows: 30, passes: 1, results: 30, attempts: run.usage.calls });
    expect(JSON.parse((await runCli(['tables', '--json'], { cwd })).stdout)).toEqual([]);
    expect((await runCli(['show-pass', run.passId], { cwd })).code).toBe(2);
    const byPass = JSON.parse((await runCli(['spend', '--by', 'pass', '--json'], { cwd })).stdout);
    expect(byPass).toEqual([expect.objectContaining({ key: run.passId, tableId: run.table, dropped: true, calls: run.usage.calls })]);
    // Twelve CLI starts: about 2 s each on a busy 2-core machine.
  }, 60_000);

  it('keeps counting a dropped table\'s spending against the daily cap', async () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'swarm.config.yaml'), 'prices:\n  "mock:default": { inputPerMillion: 1000, outputPerMillion: 1000 }\n');
    const first = JSON.parse((await runCli(['run', ...reviews, '-m', 'mock', '--json', '--quiet'], { cwd })).stdout);
    expect((await runCli(['drop', first.table, '--yes'], { cwd })).code).toBe(0);
    // --no-cache: the cached answers would cost nothing.
    const again = await runCli(['run', ...reviews, '-m', 'mock', '--no-cache', '--max-daily-cost', String(first.usage.cost)], { cwd });
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('Stopped: maxDailyCost');
    expect(again.stderr).toContain('a higher --max-daily-cost');
  });

  it('finds the table already made from the same data instead of making another', async () => {
    const cwd = workspace();
    const first = JSON.parse((await runCli(['create', '--tasks', 'examples/reviews.jsonl', '--json'], { cwd })).stdout);
    const second = await runCli(['create', '--tasks', 'examples/reviews.jsonl'], { cwd });
    expect(second.stdout).toBe(`Found table ${first.id}, created earlier from the same data: 30 rows; columns id, text, stars\n`);
    const run = JSON.parse((await runCli(['run', ...reviews, '-m', 'mock', '--json', '--quiet'], { cwd })).stdout);
    expect(run.table).toBe(first.id);
    const tables = await runCli(['tables'], { cwd });
    expect(tables.stdout.split('\n')[0]).toMatch(/^TABLE +ROWS +PASSES +CREATED \(UTC\) +COLUMNS$/);
    expect(tables.stdout.split('\n')[1]).toMatch(new RegExp(`^${first.id} +30 rows +1 pass +`));
    expect(tables.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('takes the flags its messages tell users to raise, pilots any pass with --limit, and writes answers to stdout', async () => {
    const cwd = workspace();
    mkdirSync(path.join(cwd, 'docs'));
    writeFileSync(path.join(cwd, 'docs/small.md'), 'small');
    writeFileSync(path.join(cwd, 'docs/large.md'), 'x'.repeat(2_000));
    const tooBig = await runCli(['create', '--glob', 'docs/*.md', '--max-file-bytes', '1000'], { cwd });
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toMatch(/docs\/large\.md: file is .+, over the .+ limit; raise maxFileBytes \(--max-file-bytes\)/);
    expect((await runCli(['create', '--glob', 'docs/*.md', '--max-file-bytes', '5000'], { cwd })).code).toBe(0);

    const simulator = await startSimulator();
    try {
      const env = { OPENAI_BASE_URL: simulator.baseUrls.openai, OPENAI_API_KEY: 'sk-simulated-key' };
      const cut = await runCli(['run', ...reviews, '-m', 'openai:gpt-4o-mini', '--batch-size', '1', '--max-output-tokens', '2', '--limit', '1', '--json', '--quiet'], { cwd: workspace(), env });
      expect(JSON.parse(cut.stdout).failures[0].error).toContain('raise maxOutputTokens (--max-output-tokens');
    } finally {
      await simulator.close();
    }

    const pilot = await runCli(['run', ...reviews, '-m', 'mock', '--limit', '5', '--out', '-', '--quiet'], { cwd });
    expect(pilot.code).toBe(0);
    const answered = pilot.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(answered.map((row) => row.id)).toEqual(['rev-001', 'rev-002', 'rev-003', 'rev-004', 'rev-005']);
    expect(answered[0]).toMatchObject({ sentiment: expect.any(String) });
    const rest = JSON.parse((await runCli(['run', ...reviews, '-m', 'mock', '--json', '--quiet'], { cwd })).stdout);
    expect(rest).toMatchObject({ completed: 25, skipped: 5 });
  });

  it('exports in the format the file name says, refuses a mismatch, and writes to stdout with --out -', async () => {
    const cwd = workspace();
    const table = JSON.parse((await runCli(['create', '--tasks', 'examples/reviews.jsonl', '--json'], { cwd })).stdout).id;
    expect((await runCli(['export', table, '--out', 'out.csv'], { cwd })).stdout).toBe('Wrote 30 rows to out.csv\n');
    expect(readFileSync(path.join(cwd, 'out.csv'), 'utf8').split('\n')[0]).toBe('id,text,stars');
    const mismatch = await runCli(['export', table, '--out', 'out.csv', '--format', 'jsonl'], { cwd });
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('--out out.csv names a csv file but --format is jsonl');
    const unknown = await runCli(['export', table, '--out', 'out.txt'], { cwd });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('cannot tell the format of --out out.txt');
    const stdout = await runCli(['export', table, '--out', '-', '--columns', 'stars'], { cwd });
    expect(stdout.stdout.trim().split('\n').map((line) => JSON.parse(line))[0]).toEqual({ id: 'rev-001', stars: 5 });
    expect(stdout.stderr).toBe('');
  });

  // Twenty-nine CLI starts: on a busy two-core machine they take longer than the usual timeout.
  it('has an example in every command\'s help', async () => {
    const cwd = workspace();
    const top = await runCli(['--help'], { cwd });
    const listed = top.stdout.slice(top.stdout.indexOf('Commands:')).split('\n\n')[0]!;
    const commands = [...listed.matchAll(/^ {2}([a-z-]+)(?: \[options\])? /gm)].map((match) => match[1]!).filter((name) => name !== 'help');
    expect(commands).toEqual(['create', 'run', 'rows', 'failures', 'tables', 'passes', 'show', 'show-pass', 'spend', 'export', 'drop', 'filter', 'simulate', 'seed', 'plan', 'replay', 'research', 'parallel', 'bench', 'start', 'stop', 'status', 'restart', 'logs', 'dashboard', 'mcp', 'worker', 'workers']);
    for (const command of commands) {
      const help = await runCli([command, '--help'], { cwd });
      expect(help.stdout, command).toMatch(/\nExamples?:\n {2}swarm /);
    }
    // One process per command: one to four seconds each on a loaded machine.
  }, 240_000);

  it('writes errors as JSON on stderr when --json is given', async () => {
    const cwd = workspace();
    const unknown = await runCli(['rows', 'nope', '--json'], { cwd });
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stderr)).toEqual({ error: { name: 'NotFoundError', message: 'unknown table "nope". The store has no tables yet; create one first', exitCode: 2 } });
    const usage = await runCli(['run', '--json', '--batch-size', 'many'], { cwd });
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stderr)).toEqual({ error: { name: 'UsageError', message: expect.stringContaining("'--batch-size <auto|n>' argument 'many' is invalid"), exitCode: 2 } });
  });

  it('says --dir names a file, not a store folder', async () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'notes.txt'), 'not a store');
    const outcome = await runCli(['run', '--dir', 'notes.txt', '--tasks', 'examples/reviews.jsonl', '-i', 'Classify {text}', '-s', '{"type":"object","properties":{"a":{"type":"string"}}}', '-m', 'mock'], { cwd });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe(`swarm: the store folder ${path.join(cwd, 'notes.txt')} is a file; give --dir (or SWARM_DIR) a folder, new or holding a Swarm store\n`);
  });

  it('names an unknown model alias and the known ones', async () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'swarm.config.yaml'), 'model: nosuchalias\naliases:\n  fast: mock\n  quality: mock:quality\n');
    for (const args of [[], ['-m', 'nosuchalias']]) {
      const run = await runCli(['run', ...reviews, ...args], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('unknown model alias "nosuchalias": the aliases in swarm.config.yaml are fast, quality');
      expect(run.stderr).not.toContain('malformed');
    }
  });

  it('says which of --instruction and --schema is missing, and names filter flags as typed', async () => {
    const cwd = workspace();
    const noSchema = await runCli(['run', '--tasks', 'examples/reviews.jsonl', '-i', 'Classify {text}'], { cwd });
    expect(noSchema.stderr).toContain('swarm: run needs --schema:');
    const neither = await runCli(['run', '--tasks', 'examples/reviews.jsonl'], { cwd });
    expect(neither.stderr).toContain('swarm: run needs --instruction and --schema:');
    mkdirSync(path.join(cwd, 'output'));
    writeFileSync(path.join(cwd, 'output/a.jsonl'), '{"text":"hello"}\n');
    const filter = await runCli(['filter', '--input-dir', 'output', '--output', 'c.jsonl', '--errors', 'e.jsonl', '--min-chars', '10', '--max-chars', '5'], { cwd });
    expect(filter.code).toBe(2);
    expect(filter.stderr).toBe('swarm: --min-chars (10) is above --max-chars (5): nothing could pass\n');
  });

  it('runs a pilot no bigger than --total', async () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'task.yaml'), 'task_type: generation\nprompt_template: "Write about {{seed}}."\nworker_model: mock\nseeds_file: seeds.jsonl\n');
    writeFileSync(path.join(cwd, 'seeds.jsonl'), ['a', 'b', 'c'].map((seed) => JSON.stringify({ seed })).join('\n'));
    const pilot = await runCli(['run', 'task.yaml', '--pilot', '2', '--total', '1', '--json', '--quiet'], { cwd });
    expect(pilot.code).toBe(0);
    expect(JSON.parse(pilot.stdout)).toMatchObject({ completed: 1, skipped: 0, pending: 0 });
  });

  it('documents batch-size auto as the code does it: 3,000 rows make 60 calls', async () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'many.jsonl'), `${Array.from({ length: 3000 }, (_, index) => JSON.stringify({ id: `r${index}`, text: 'fine' })).join('\n')}\n`);
    const dryRun = await runCli(['run', '--tasks', 'many.jsonl', '-i', 'Classify {text}', '-s', schema, '-m', 'mock', '--dry-run'], { cwd });
    expect(dryRun.stdout).toContain('3000 rows to answer (0 already done) in 60 calls');
    const doc = readFileSync(path.join(repositoryRoot, 'docs/cli.md'), 'utf8');
    expect(doc).toContain('3,000 rows make 60 calls');
  });
});
