import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { GitRepository } from './git-repository.ts';
import { runGit } from './run-git.ts';

/** A row's own worktree: its folder, and the branch checked out there. */
export interface RowWorktree {
  path: string;
  branch: string;
}

type GitEnv = { env: Record<string, string> };

/**
 * Adds a worktree at `worktree.path` on a new branch `worktree.branch` from the repository's
 * starting commit. A worktree left at that path by a run that crashed is removed first; a branch of
 * that name is reset only when it holds no commit the starting commit lacks (what a crashed or
 * failed row leaves), and otherwise refused, since it holds work: an earlier pass's row.
 */
export async function addRowWorktree(repository: GitRepository, worktree: RowWorktree, { env }: GitEnv): Promise<void> {
  const git = (args: string[]) => runGit(args, { cwd: repository.topLevel, env });
  if (existsSync(worktree.path)) await forceRemove(repository, worktree.path, { env });
  const existing = await git(['rev-parse', '--verify', '--quiet', `refs/heads/${worktree.branch}`]).then(
    (commit) => commit.trim(),
    () => undefined,
  );
  if (existing !== undefined) {
    const holdsNothingNew = await git(['merge-base', '--is-ancestor', existing, repository.head]).then(
      () => true,
      () => false,
    );
    if (!holdsNothingNew) {
      throw new Error(
        `branch ${worktree.branch} already exists with commits of its own (an earlier pass's result?); to run this row again, delete it first: git branch -D ${worktree.branch}`,
      );
    }
  }
  const add = () => git(['worktree', 'add', '--quiet', '-B', worktree.branch, worktree.path, repository.head]);
  try {
    await add();
  } catch (error) {
    // A worktree whose folder is gone is still registered until pruned (a crash, a folder removed by hand).
    if (!/already registered|is already checked out|already used by worktree/.test((error as Error).message)) throw error;
    await git(['worktree', 'prune']);
    await add();
  }
}

/**
 * Commits everything changed in the worktree (new files included, ignored ones not) on its branch,
 * without running hooks or signing; returns the commit, or undefined when nothing changed.
 */
export async function commitRowWorktree(repository: GitRepository, worktree: RowWorktree, message: string, { env }: GitEnv): Promise<string | undefined> {
  const git = (args: string[]) => runGit(args, { cwd: worktree.path, env });
  const changes = await git(['status', '--porcelain', '--untracked-files=all']);
  if (changes.trim() === '') return undefined;
  await git(['add', '--all']);
  await git([...repository.commitSettings, '-c', 'commit.gpgsign=false', '-c', 'gc.auto=0', 'commit', '--quiet', '--no-verify', '-m', message]);
  return (await git(['rev-parse', 'HEAD'])).trim();
}

/** Removes a row's worktree (whatever is in it); its branch too when `deleteBranch` (a row that failed: the branch holds nothing). */
export async function removeRowWorktree(repository: GitRepository, worktree: RowWorktree, { env, deleteBranch }: GitEnv & { deleteBranch: boolean }): Promise<void> {
  await forceRemove(repository, worktree.path, { env });
  if (deleteBranch) await runGit(['branch', '-D', worktree.branch], { cwd: repository.topLevel, env }).catch(() => undefined);
}

async function forceRemove(repository: GitRepository, folder: string, { env }: GitEnv): Promise<void> {
  const git = (args: string[]) => runGit(args, { cwd: repository.topLevel, env });
  try {
    await git(['worktree', 'remove', '--force', '--force', folder]);
  } catch {
    // Not a registered worktree any more (or git cannot remove it): remove the folder, then forget it.
    await rm(folder, { recursive: true, force: true });
    await git(['worktree', 'prune']);
  }
}
