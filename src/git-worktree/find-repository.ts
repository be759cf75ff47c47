import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { InvalidInputError } from '../errors/invalid-input-error.ts';
import type { GitRepository } from './git-repository.ts';

/**
 * The git repository `cwd` is in, with the commit rows will start from; an `InvalidInputError`
 * saying what is missing when `cwd` is in no repository's working tree, or the repository has no
 * commit yet.
 */
export function findRepository(cwd: string, env: Record<string, string>): GitRepository {
  const git = (args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  let topLevel: string;
  let commonDir: string;
  try {
    [topLevel, commonDir] = git(['rev-parse', '--show-toplevel', '--git-common-dir']).split('\n') as [string, string];
  } catch (error) {
    throw new InvalidInputError(
      `isolation "worktree" needs the working directory to be in a git repository's working tree; ${cwd} is not (${gitMessage(error)})`,
    );
  }
  let head: string;
  try {
    head = git(['rev-parse', '--verify', 'HEAD^{commit}']);
  } catch {
    throw new InvalidInputError(`isolation "worktree" starts each row's worktree from HEAD, and the repository at ${topLevel} has no commit yet: commit something first`);
  }
  let email = '';
  try {
    email = git(['config', '--get', 'user.email']);
  } catch {
    // Not set: git exits 1.
  }
  return {
    topLevel,
    commonDir: path.resolve(cwd, commonDir),
    head,
    commitSettings: email === '' ? ['-c', 'user.name=Swarm', '-c', 'user.email=swarm@localhost'] : [],
  };
}

function gitMessage(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  if ((error as { code?: string }).code === 'ENOENT') return 'git is not installed';
  return stderr === undefined || stderr === '' ? (error as Error).message : stderr;
}
