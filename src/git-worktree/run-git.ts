import { execFile } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { GitCommandError } from './git-command-error.ts';

// git refuses to work while another git process holds one of its lock files (index, refs,
// worktree administration): another row's git, or the user's editor.
const lockPattern = /\.lock'?: File exists|Unable to create '[^']*\.lock'|cannot lock ref|could not lock/i;
const lockRetries = 8;

/**
 * Runs git with `args` in `cwd` and returns its standard output; a command that waited on another
 * git process's lock file is tried again (up to 8 times, backing off from 50 ms). Rejects with
 * `GitCommandError` otherwise.
 */
export async function runGit(args: readonly string[], { cwd, env }: { cwd: string; env: Record<string, string> }): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await gitOnce(args, { cwd, env });
    } catch (error) {
      if (!GitCommandError.isInstance(error) || !lockPattern.test(error.stderr) || attempt === lockRetries) throw error;
      await delay(50 * 2 ** Math.min(attempt, 5) * (0.5 + Math.random()));
    }
  }
}

function gitOnce(args: readonly string[], { cwd, env }: { cwd: string; env: Record<string, string> }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) return resolve(stdout);
      const exitCode = typeof error.code === 'number' ? error.code : null;
      reject(new GitCommandError({ args, exitCode, stderr: stderr || error.message }));
    });
  });
}
