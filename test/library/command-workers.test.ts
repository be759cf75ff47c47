import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunOptions, SwarmEvent } from '../../src/index.ts';
import { labelSchema, numberedTasks, storedAttempts, tempSwarm } from './support/temp-swarm.ts';

// Commands need a PATH; the swarm's environment is what they get (less its secrets).
const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

/** True while the process exists and is not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const hostile = [
  "it's",
  '$(touch pwned)',
  '`touch pwned`',
  ';touch pwned; rm -rf ..',
  'two\nlines',
  '$HOME',
  '*',
  '"double" \\ back',
  "'; touch pwned; echo '",
  '--version',
];

describe('command workers', () => {
  it('run each row through sh -c with every value one quoted word: no value injects shell syntax', async () => {
    const { swarm, cwd } = tempSwarm({ env: baseEnv });
    const table = await swarm.create({ tasks: hostile.map((text, index) => ({ id: `r${index}`, text })) });
    const result = await swarm.run(table.id, { command: 'printf %s {text}' });
    expect(result).toMatchObject({ completed: hostile.length, failed: 0, pending: 0 });
    const rows = await swarm.rows(table.id, { columns: ['text', 'output'] });
    for (const row of rows) expect(row.output).toBe(row.text);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('need no model: a pass of commands is named command, and records each run as an attempt without tokens or cost', async () => {
    const temp = tempSwarm({ env: baseEnv });
    const { swarm } = temp;
    const table = await swarm.create({ tasks: numberedTasks(3) });
    const events: SwarmEvent[] = [];
    swarm.subscribe((event) => events.push(event));
    const result = await swarm.run(table.id, { command: 'echo {id}: {text}' });
    expect(result).toMatchObject({ completed: 3, usage: { calls: 3, inputTokens: 0, outputTokens: 0, cost: undefined } });
    expect((await swarm.rows(table.id, { columns: ['output'] })).map((row) => row.output)).toEqual(['t01: message 1', 't02: message 2', 't03: message 3']);
    expect(events.find((event) => event.type === 'pass-start')).toMatchObject({ model: 'command', concurrency: availableParallelism(), priced: false });
    expect(events.find((event) => event.type === 'pass-start')).not.toHaveProperty('limiterKey', expect.anything());
    const attempts = storedAttempts(temp);
    expect(attempts).toHaveLength(3);
    expect(attempts[0]).toMatchObject({ status: 'ok', inputTokens: 0, outputTokens: 0, cost: null });
    expect(attempts[0]!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('fail a row whose command exits non-zero, with the exit code and the end of stderr', async () => {
    const temp = tempSwarm({ env: baseEnv });
    const { swarm } = temp;
    const table = await swarm.create({ tasks: numberedTasks(2, (index) => ({ code: index * 4 })) });
    const result = await swarm.run(table.id, { command: 'echo partial; echo it broke: {code} >&2; exit {code}' });
    expect(result).toMatchObject({ completed: 1, failed: 1 });
    expect(result.failures).toEqual([{ id: 't02', errorClass: 'exit-code', error: 'exit code 4; stderr: it broke: 4', rawOutput: 'partial\n' }]);
    expect(storedAttempts(temp).find((attempt) => attempt.rowIds[0] === 't02')).toMatchObject({ status: 'error', errorClass: 'exit-code', errorMessage: 'exit code 4; stderr: it broke: 4' });
  });

  it('with a responseSchema, take stdout as strict JSON validated by the schema, else fail the row saying why', async () => {
    const temp = tempSwarm({ env: baseEnv });
    const { swarm } = temp;
    const table = await swarm.create({
      tasks: [
        { id: 'valid', json: '{"label":"spam","score":3}' },
        { id: 'fenced', json: '```json\n{"label":"spam","score":3}\n```' },
        { id: 'wrong', json: '{"label":"eggs","score":3}' },
      ],
    });
    const result = await swarm.run(table.id, { command: 'printf %s {json}', responseSchema: labelSchema });
    expect(result).toMatchObject({ completed: 1, failed: 2 });
    expect(await swarm.rows(table.id, { columns: ['label', 'score'], filter: { column: 'label', exists: true } })).toEqual([{ id: 'valid', label: 'spam', score: 3 }]);
    const failures = Object.fromEntries(result.failures.map((failure) => [failure.id, failure]));
    expect(failures.fenced).toMatchObject({ errorClass: 'invalid-output', error: expect.stringMatching(/^stdout is not JSON: /), rawOutput: '```json\n{"label":"spam","score":3}\n```' });
    expect(failures.wrong).toMatchObject({ errorClass: 'invalid-output', error: expect.stringMatching(/^stdout does not match the schema: \/label must be equal to one of the allowed values/) });
    expect(storedAttempts(temp).filter((attempt) => attempt.status === 'invalid').map((attempt) => attempt.rawOutput)).toHaveLength(2);
  });

  it('end a command that writes more than maxOutputBytes, failing its row', async () => {
    const { swarm } = tempSwarm({ env: baseEnv });
    const table = await swarm.create({ tasks: numberedTasks(1) });
    const result = await swarm.run(table.id, { command: 'yes {text}', maxOutputBytes: 10_000 });
    expect(result.failures).toMatchObject([{ id: 't01', errorClass: 'output-cap', error: 'the command wrote more than maxOutputBytes (10000) to stdout and was ended with its process group' }]);
  });

  it('give commands no API key: not the config\'s, not anything named like a secret, unless passed by name', async () => {
    const env = { ...baseEnv, OPENAI_API_KEY: 'sk-test-0123456789abcdef', LOCAL_LLM: 'local-key-0123456789', GITHUB_TOKEN: 'ghp_0123456789', VISIBLE: 'yes' };
    const config = { aliases: {}, prices: {}, providers: { local: { baseURL: 'http://127.0.0.1:9/v1', apiKeyEnv: 'LOCAL_LLM' } } };
    const { swarm } = tempSwarm({ env, config });
    const table = await swarm.create({ tasks: numberedTasks(1) });
    await swarm.run(table.id, { command: 'env' });
    const [row] = await swarm.rows(table.id, { columns: ['output'] });
    const seen = String(row!.output);
    expect(seen).toContain('VISIBLE=yes');
    for (const secret of ['sk-test', 'local-key', 'ghp_', 'OPENAI_API_KEY', 'GITHUB_TOKEN', 'LOCAL_LLM']) expect(seen).not.toContain(secret);

    const passed = await swarm.run(table.id, { command: 'echo "${GITHUB_TOKEN:-none} ${OPENAI_API_KEY:-none}"', passEnv: ['GITHUB_TOKEN'], overwrite: true });
    expect(passed.completed).toBe(1);
    const [again] = await swarm.rows(table.id, { columns: ['output'], answeredBy: passed.passId });
    expect(again!.output).toBe('ghp_0123456789 none');
  });

  it('end the whole process group at the timeout: the row fails, and neither the shell nor its grandchild lives', async () => {
    const { swarm, cwd } = tempSwarm({ env: baseEnv });
    const table = await swarm.create({ tasks: numberedTasks(2) });
    const result = await swarm.run(table.id, { command: 'sleep 1000 & echo $! > pids-{id}; echo $$ >> pids-{id}; wait', timeoutMs: 300 });
    expect(result).toMatchObject({ completed: 0, failed: 2 });
    expect(result.failures[0]).toMatchObject({ errorClass: 'timeout', error: 'the command ran longer than timeoutMs (300 ms) and was ended with its process group' });
    const pids = ['t01', 't02'].flatMap((id) => readFileSync(path.join(cwd, `pids-${id}`), 'utf8').trim().split('\n').map(Number));
    expect(pids).toHaveLength(4);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
  });

  it('end every command in flight when the pass is aborted, leave their rows pending, and resume without redoing finished rows', async () => {
    const { swarm, cwd } = tempSwarm({ env: baseEnv });
    const table = await swarm.create({ tasks: numberedTasks(4, (index) => ({ slow: index >= 2 ? 1 : 0 })) });
    const controller = new AbortController();
    const command = 'echo {id} >> runs.log; [ {slow} = 0 ] || { sleep 1000 & echo $! > pids-{id}; echo $$ >> pids-{id}; wait; }; echo ok';
    setTimeout(() => controller.abort(), 500);
    const first = await swarm.run(table.id, { command, concurrency: 4, abortSignal: controller.signal });
    expect(first).toMatchObject({ completed: 2, failed: 0, pending: 2, stopped: { reason: 'aborted' } });
    const pids = ['t03', 't04'].flatMap((id) => readFileSync(path.join(cwd, `pids-${id}`), 'utf8').trim().split('\n').map(Number));
    for (const pid of pids) expect(isAlive(pid)).toBe(false);

    const second = await swarm.run(table.id, { command: command.replace('[ {slow} = 0 ] ||', 'true ||'), concurrency: 4, overwrite: true });
    // Another command is another pass: it runs every row.
    expect(second).toMatchObject({ completed: 4, skipped: 0 });
    const third = await swarm.run(table.id, { command, concurrency: 4, overwrite: true, filter: { column: 'slow', equals: 0 } });
    expect(third).toMatchObject({ passId: first.passId, completed: 0, skipped: 2 });
    expect(readFileSync(path.join(cwd, 'runs.log'), 'utf8').trim().split('\n').sort()).toEqual(['t01', 't01', 't02', 't02', 't03', 't03', 't04', 't04']);
  });

  it('run commands in cwd, and give {file} on a file table as the file\'s path', async () => {
    const { swarm, cwd, write } = tempSwarm({ env: baseEnv });
    write('docs/a.txt', 'alpha\n');
    write('docs/b b.txt', 'beta beta\n');
    const table = await swarm.create({ glob: 'docs/*.txt' });
    const result = await swarm.run(table.id, { command: 'echo "$(pwd)"; wc -c < {file}', cwd: 'docs' });
    expect(result.completed).toBe(2);
    const rows = await swarm.rows(table.id, { columns: ['file', 'output'] });
    expect(rows.map((row) => row.output)).toEqual([`${path.join(cwd, 'docs')}\n6`, `${path.join(cwd, 'docs')}\n10`]);
  });

  it('fail a row that has no value for a placeholder, and run the others', async () => {
    const { swarm } = tempSwarm({ env: baseEnv });
    const table = await swarm.create({ tasks: [{ id: 'a', text: 'x' }, { id: 'b' }, { id: 'c', text: null }] });
    const result = await swarm.run(table.id, { command: 'echo {text}' });
    expect(result).toMatchObject({ completed: 1, failed: 2, usage: { calls: 1 } });
    expect(result.failures).toEqual([
      { id: 'b', error: 'the row has no value for {text}', errorClass: 'input' },
      { id: 'c', error: 'the row has no value for {text}', errorClass: 'input' },
    ]);
  });

  it('refuse before anything runs: an unknown placeholder, a quoted one, model options, a missing cwd', async () => {
    const { swarm, cwd } = tempSwarm({ env: baseEnv });
    const table = await swarm.create({ tasks: numberedTasks(2) });
    // Options as a JavaScript caller may give them, whatever their types say.
    const refused = async (options: object) => swarm.run(table.id, options as RunOptions).then(() => 'ran', (error: Error) => error.message);
    expect(await refused({ command: 'touch ran; echo {nope}' })).toBe('command uses {nope}, which no matched row provides; available columns: id, text');
    expect(await refused({ command: 'touch ran; echo "{text}"' })).toMatch(/^\{text\} stands inside "…" quotes in the command; write it bare \(as in: cat \{text\}\)/);
    expect(await refused({ command: 'touch ran', model: 'mock', batchSize: 2 })).toBe('model, batchSize do not apply to a command pass: it runs the command for each row and calls no model');
    expect(await refused({ command: 'touch ran', cwd: 'missing' })).toBe(`cwd ${path.join(cwd, 'missing')} is not a folder`);
    expect(await refused({ command: 'touch ran', isolation: 'copy' })).toBe('isolation must be "none" or "worktree", got "copy"');
    expect(await refused({ command: 'touch ran', timeoutMs: 0 })).toBe('timeoutMs must be a whole number ≥ 1, got 0');
    expect(await refused({ instruction: 'x', responseSchema: labelSchema, model: 'mock', isolation: 'worktree' })).toBe('isolation applies to command passes only (give command)');
    expect(existsSync(path.join(cwd, 'ran'))).toBe(false);
    expect(await swarm.context.store.passes.idsOf(table.id)).toEqual([]);
  });

  it('estimate: the rows, one command each, and the first command lines as they would run, running nothing', async () => {
    const { swarm, cwd, write } = tempSwarm({ env: baseEnv });
    write('notes/it\'s.md', 'x');
    write('notes/b.md', 'y');
    const table = await swarm.create({ glob: 'notes/*.md' });
    const estimate = await swarm.estimate(table.id, { command: 'touch ran; wc -l {file}' });
    expect(estimate).toMatchObject({ model: 'command', rows: 2, calls: 2, inputTokens: 0, cost: undefined });
    expect(estimate.commands).toEqual([
      { rowId: expect.any(String), command: `touch ran; wc -l '${path.join(cwd, 'notes/b.md')}'` },
      { rowId: expect.any(String), command: `touch ran; wc -l '${path.join(cwd, "notes/it'\\''s.md")}'` },
    ]);
    expect(existsSync(path.join(cwd, 'ran'))).toBe(false);
    // The command line is part of the pass id.
    expect((await swarm.estimate(table.id, { command: 'touch ran; wc -c {file}' })).passId).not.toBe(estimate.passId);
    expect(statSync(path.join(cwd, 'notes')).isDirectory()).toBe(true);
  });
});
