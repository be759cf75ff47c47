/** A git command Swarm ran failed; `stderr` says why, as git put it. */
export class GitCommandError extends Error {
  readonly args: readonly string[];
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor({ args, exitCode, stderr }: { args: readonly string[]; exitCode: number | null; stderr: string }) {
    super(`git ${args.join(' ')} failed${exitCode === null ? '' : ` (exit code ${exitCode})`}: ${stderr.trim() || 'no message'}`);
    this.name = 'GitCommandError';
    this.args = args;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }

  static isInstance(error: unknown): error is GitCommandError {
    return error instanceof Error && error.name === 'GitCommandError';
  }
}
