import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberedTasks, tempSwarm, type TempSwarm } from './support/temp-swarm.ts';

const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' };

/** A swarm whose working folder is a git repository with one commit (its store is outside it). */
function repositorySwarm(files: Record<string, string> = { 'README.md': 'hello\n' }): TempSwarm & { git(...args: string[]): string } {
  const temp = tempSwarm({ env: baseEnv });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: temp.cwd, encoding: 'utf8', env: { ...baseEnv, GIT_CONFIG_NOSYSTEM: '1' } }).trim();
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'Tester');
  git('config', 'user.email', 'tester@example.com');
  for (const [file, content] of Object.entries(files)) temp.write(file, content);
  git('add', '--all');
  git('commit', '--quiet', '-m', 'start');
  return { ...temp, git };
}

describe('command workers with worktree isolation', () => {
  it('give each row its own worktree and branch: 8 rows writing the same file in parallel leave 8 commits and a clean main worktree', async () => {
    const { swarm, cwd, git } = repositorySwarm({ 'README.md': 'hello\n', 'out.txt': 'before\n' });
    const head = git('rev-parse', 'HEAD');
    const table = await swarm.create({ tasks: numberedTasks(8, (index) => ({ value: `value ${index + 1}` })) });
    const result = await swarm.run(table.id, { command: 'printf %s {value} > out.txt; sleep 0.2', isolation: 'worktree', concurrency: 8 });
    expect(result).toMatchObject({ completed: 8, failed: 0 });

    const rows = await swarm.rows(table.id, { columns: ['value', 'output', 'branch', 'commit'] });
    for (const row of rows) {
      expect(row.branch).toBe(`swarm/${table.id}/${row.id}`);
      expect(row.output).toBe('');
      expect(git('rev-parse', `${row.branch}`)).toBe(row.commit);
      expect(git('show', `${row.commit}:out.txt`)).toBe(row.value);
      expect(git('rev-parse', `${row.commit}^`)).toBe(head);
      expect(git('log', '-1', '--format=%an <%ae> %s', String(row.commit))).toBe(`Tester <tester@example.com> swarm: table ${table.id}, row ${row.id}`);
    }
    expect(git('branch', '--list', 'swarm/*').split('\n')).toHaveLength(8);
    expect(git('status', '--porcelain')).toBe('');
    expect(git('rev-parse', 'HEAD')).toBe(head);
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(readdirSync(path.join(cwd, '.git', 'swarm-worktrees', result.passId))).toEqual([]);
  });

  it('commit nothing when nothing changed, keep no branch for a failed row, and retry it on the next run', async () => {
    const { swarm, git } = repositorySwarm();
    const head = git('rev-parse', 'HEAD');
    const table = await swarm.create({ tasks: [{ id: 'same', change: 'no' }, { id: 'fails', change: 'fail' }, { id: 'edits', change: 'yes' }] });
    const command = '[ {change} = no ] || echo edited >> README.md; [ {change} != fail ] || [ -e ../../../../retry ]';
    const first = await swarm.run(table.id, { command, isolation: 'worktree' });
    expect(first).toMatchObject({ completed: 2, failed: 1 });
    expect(first.failures).toMatchObject([{ id: 'fails', errorClass: 'exit-code', error: 'exit code 1' }]);
    const rows = Object.fromEntries((await swarm.rows(table.id, { columns: ['branch', 'commit'] })).map((row) => [row.id, row]));
    // Null: the row's columns leave it out.
    expect(rows.same).toEqual({ id: 'same', branch: `swarm/${table.id}/same` });
    expect(git('rev-parse', `swarm/${table.id}/same`)).toBe(head);
    expect(git('show', `${rows.edits!.commit}:README.md`)).toBe('hello\nedited');
    expect(git('branch', '--list', `swarm/${table.id}/fails`)).toBe('');
    expect(git('status', '--porcelain')).toBe('');
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);

    // The worktree is .git/swarm-worktrees/<pass>/<row>: four levels up is the repository's top.
    writeFileSync(path.join(git('rev-parse', '--show-toplevel'), 'retry'), '');
    const second = await swarm.run(table.id, { command, isolation: 'worktree' });
    expect(second).toMatchObject({ passId: first.passId, completed: 1, skipped: 2 });
    expect(git('show', `swarm/${table.id}/fails:README.md`)).toBe('hello\nedited');
  });

  it('refuse to reset a branch that holds commits of its own, failing only that row', async () => {
    const { swarm, git } = repositorySwarm();
    const table = await swarm.create({ tasks: numberedTasks(2) });
    await swarm.run(table.id, { command: 'echo {text} > note.txt', isolation: 'worktree' });
    const result = await swarm.run(table.id, { command: 'echo again {text} > note.txt', isolation: 'worktree', overwrite: true });
    expect(result).toMatchObject({ completed: 0, failed: 2 });
    expect(result.failures[0]).toMatchObject({
      errorClass: 'worktree',
      error: `cannot make the row's worktree: branch swarm/${table.id}/t01 already exists with commits of its own (an earlier pass's result?); to run this row again, delete it first: git branch -D swarm/${table.id}/t01`,
    });
    expect(git('show', `swarm/${table.id}/t01:note.txt`)).toBe('message 1');
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('remove the worktrees of commands ended by an abort, leaving their rows to a later run', async () => {
    const { swarm, git } = repositorySwarm();
    const table = await swarm.create({ tasks: numberedTasks(3) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 400);
    const options = { command: '[ -e ../../../../go ] || sleep 1000; echo {text} > note.txt', isolation: 'worktree' } as const;
    const first = await swarm.run(table.id, { ...options, abortSignal: controller.signal });
    expect(first).toMatchObject({ completed: 0, failed: 0, pending: 3, stopped: { reason: 'aborted' } });
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
    expect(git('branch', '--list', 'swarm/*')).toBe('');

    writeFileSync(path.join(git('rev-parse', '--show-toplevel'), 'go'), '');
    const second = await swarm.run(table.id, options);
    expect(second).toMatchObject({ completed: 3, failed: 0 });
    expect(git('show', `swarm/${table.id}/t03:note.txt`)).toBe('message 3');
  });

  it('take over what a crashed run left: a worktree at the row\'s place, one whose folder is gone, and their branches', async () => {
    const { swarm, cwd, git } = repositorySwarm();
    const table = await swarm.create({ tasks: numberedTasks(2) });
    const options = { command: 'echo {text} > note.txt', isolation: 'worktree' } as const;
    const { passId } = await swarm.estimate(table.id, options);
    const place = (id: string) => path.join(cwd, '.git', 'swarm-worktrees', passId, id);
    git('worktree', 'add', '--quiet', '-b', `swarm/${table.id}/t01`, place('t01'), 'HEAD');
    writeFileSync(path.join(place('t01'), 'half-done.txt'), 'from the crashed run');
    git('worktree', 'add', '--quiet', '-b', `swarm/${table.id}/t02`, place('t02'), 'HEAD');
    rmSync(place('t02'), { recursive: true, force: true });

    const result = await swarm.run(table.id, options);
    expect(result).toMatchObject({ completed: 2, failed: 0 });
    expect(git('show', '--name-only', '--format=', `swarm/${table.id}/t01`)).toBe('note.txt');
    expect(git('show', `swarm/${table.id}/t02:note.txt`)).toBe('message 2');
    expect(git('worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('run in the worktree\'s counterpart of cwd, with {file} the worktree\'s copy of a file of the repository', async () => {
    const { swarm, cwd, git, write } = repositorySwarm({ 'src/a.txt': 'committed a\n', 'src/b.txt': 'committed b\n' });
    const table = await swarm.create({ glob: 'src/*.txt' });
    // Uncommitted: a row's worktree starts from HEAD, so its command never sees this.
    write('src/a.txt', 'changed in the main worktree\n');
    const result = await swarm.run(table.id, { command: 'pwd; cat {file}; echo more >> {file}', cwd: 'src', isolation: 'worktree' });
    expect(result).toMatchObject({ completed: 2 });
    const rows = await swarm.rows(table.id, { columns: ['file', 'output', 'branch'] });
    const worktrees = path.join(cwd, '.git', 'swarm-worktrees', result.passId);
    expect(String(rows[0]!.output).split('\n')).toEqual([expect.stringMatching(new RegExp(`^${worktrees}/[^/]+/src$`)), 'committed a']);
    expect(git('show', `${rows[0]!.branch}:src/a.txt`)).toBe('committed a\nmore');
    expect(git('status', '--porcelain')).toBe('M src/a.txt');
  });

  it('refuse before anything runs outside a git repository, or in one without a commit', async () => {
    const { swarm, cwd } = tempSwarm({ env: baseEnv });
    const table = await swarm.create({ tasks: numberedTasks(1) });
    await expect(swarm.run(table.id, { command: 'touch ran', isolation: 'worktree' })).rejects.toThrow(
      new RegExp(`^isolation "worktree" needs the working directory to be in a git repository's working tree; ${cwd} is not \\(fatal: not a git repository`),
    );
    mkdirSync(path.join(cwd, 'empty'));
    execFileSync('git', ['init', '--quiet'], { cwd: path.join(cwd, 'empty') });
    await expect(swarm.run(table.id, { command: 'touch ran', isolation: 'worktree', cwd: 'empty' })).rejects.toThrow(
      `isolation "worktree" starts each row's worktree from HEAD, and the repository at ${path.join(cwd, 'empty')} has no commit yet: commit something first`,
    );
    expect(existsSync(path.join(cwd, 'ran'))).toBe(false);
    expect(existsSync(path.join(cwd, 'empty', 'ran'))).toBe(false);
  });

  it('are another pass than the same command without isolation, and write branch and commit as columns of their own', async () => {
    const { swarm } = repositorySwarm();
    const table = await swarm.create({ tasks: numberedTasks(1) });
    const plain = await swarm.estimate(table.id, { command: 'echo {text}' });
    const isolated = await swarm.estimate(table.id, { command: 'echo {text}', isolation: 'worktree' });
    expect(isolated.passId).not.toBe(plain.passId);
    const clash = { type: 'object', properties: { branch: { type: 'string' } } };
    await expect(swarm.run(table.id, { command: 'echo {text}', isolation: 'worktree', responseSchema: clash })).rejects.toThrow(
      'with isolation "worktree" the pass writes the branch column itself: rename that responseSchema property',
    );
  });
});
