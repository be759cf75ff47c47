import { statSync } from 'node:fs';
import path from 'node:path';
import { refPart, rowBranchName } from '../../git-worktree/ref-part.ts';
import type { GitRepository } from '../../git-worktree/git-repository.ts';
import { addRowWorktree, commitRowWorktree, removeRowWorktree, type RowWorktree } from '../../git-worktree/row-worktree.ts';
import type { PassRun } from '../../pass/pass-run.ts';
import type { PendingRow } from '../../pass/plan-dispatches.ts';
import { runShellCommand } from '../../shell/run-shell-command.ts';
import type { CommandPassSettings } from './command-kind.ts';
import type { CommandRun } from './command-run.ts';
import { judgeCommandResult } from './judge-command-result.ts';
import { rowCommandLine } from '../../pass/row-command-line.ts';
import type { Serializer } from './serialize.ts';

/**
 * Runs one row's command, and judges how it ended. With worktree isolation the command runs in a
 * worktree of its own on the row's branch; what it changed is committed there when the row is
 * answered, and the worktree is removed whatever happened (the branch of a row that failed too).
 * `gitAdmin` runs the git commands that change the repository's worktree list one at a time.
 */
export async function sendCommand(run: PassRun, pass: CommandPassSettings, row: PendingRow, gitAdmin: Serializer): Promise<CommandRun> {
  const { command } = pass;
  const { repository } = command;
  if (repository === undefined) return runRowCommand(run, pass, row, command.cwd);

  const worktree: RowWorktree = {
    path: path.join(repository.commonDir, 'swarm-worktrees', pass.passId, refPart(row.id)),
    branch: rowBranchName(pass.table.id, row.id),
  };
  const { env } = command;
  try {
    await gitAdmin(() => addRowWorktree(repository, worktree, { env }));
  } catch (error) {
    return { row, result: undefined, outcome: { failure: { error: `cannot make the row's worktree: ${(error as Error).message}`, errorClass: 'worktree' } } };
  }
  let keepBranch = false;
  try {
    const cwd = path.join(worktree.path, path.relative(repository.topLevel, command.cwd));
    if (!statSync(cwd, { throwIfNoEntry: false })?.isDirectory()) {
      const where = path.relative(repository.topLevel, command.cwd);
      return { row, result: undefined, outcome: { failure: { error: `${where} is not in the commit the row's worktree starts from (a worktree holds only committed files)`, errorClass: 'worktree' } } };
    }
    const ran = await runRowCommand(run, pass, row, cwd, (file) => inWorktree(repository, worktree, file));
    if (!('columns' in ran.outcome)) return ran;
    try {
      const commit = await commitRowWorktree(repository, worktree, `swarm: table ${pass.table.id}, row ${row.id}\n\nCommitted by Swarm pass ${pass.passId}.`, { env });
      keepBranch = true;
      return { ...ran, outcome: { columns: { ...ran.outcome.columns, branch: worktree.branch, commit: commit ?? null } } };
    } catch (error) {
      return { ...ran, outcome: { failure: { error: `cannot commit the row's changes: ${(error as Error).message}`, errorClass: 'worktree' } } };
    }
  } finally {
    await gitAdmin(() => removeRowWorktree(repository, worktree, { env, deleteBranch: !keepBranch })).catch((error: unknown) => {
      run.events.emit({ type: 'warning', passId: pass.passId, message: `row ${row.id}: cannot remove its worktree ${worktree.path}: ${(error as Error).message}` });
    });
  }
}

/** Runs the row's command line in `cwd`, with the pass's timeout, output cap and stop signal. */
async function runRowCommand(run: PassRun, pass: CommandPassSettings, row: PendingRow, cwd: string, worktreeOf?: (file: string) => string): Promise<CommandRun> {
  const { command, timeoutMs } = pass;
  const made = rowCommandLine(command, pass.placeholders, row, worktreeOf);
  if ('problem' in made) return { row, result: undefined, outcome: { failure: { error: made.problem, errorClass: 'input' } } };
  // The pass stopped while the row's worktree was being made: the row stays pending, nothing ran.
  if (run.signal.aborted) return { row, result: undefined, outcome: { pending: true } };
  if (run.events.active) run.events.emit({ type: 'dispatch-start', passId: run.passId, rowIds: [row.id], attempt: 1 });
  const stdin = command.stdinColumn === undefined ? undefined : stdinText(row.data[command.stdinColumn]);
  const result = await runShellCommand(made.line, { cwd, env: { ...command.env }, timeoutMs, maxOutputBytes: command.maxOutputBytes, abortSignal: run.signal, stdin });
  return { row, result, outcome: judgeCommandResult(result, { outputSchema: command.outputSchema, timeoutMs, maxOutputBytes: command.maxOutputBytes }) };
}

/** A file of the repository as the row's worktree has it; a file outside the repository as it is. */
function inWorktree(repository: GitRepository, worktree: RowWorktree, file: string): string {
  const relative = path.relative(repository.topLevel, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : path.join(worktree.path, relative);
}

/** A column's value as a command reads it on stdin: a string as it is, anything else as JSON. */
function stdinText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}
