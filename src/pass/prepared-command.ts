import type { GitRepository } from '../git-worktree/git-repository.ts';
import type { ResponseSchema } from './response-schema.ts';

/** How a command pass runs each row's command, settled by `preparePass`. */
export interface PreparedCommand {
  /** The command line as given, placeholders and all. */
  readonly template: string;
  readonly isolation: 'none' | 'worktree';
  /** The folder commands run in (absolute); with worktree isolation, its counterpart in each row's worktree. */
  readonly cwd: string;
  /** With worktree isolation: the repository `cwd` is in, and the commit rows start from. */
  readonly repository: GitRepository | undefined;
  /** The whole environment a command gets: the swarm's, less its secrets (see `commandEnvironment`). */
  readonly env: Readonly<Record<string, string>>;
  readonly maxOutputBytes: number;
  /** Folder a file table's `file` values are relative to, when the command names `{file}`; undefined otherwise. */
  readonly fileRoot: string | undefined;
  /** What stdout must be, as JSON, when the pass has a `responseSchema`; undefined: stdout is the `output` column. */
  readonly outputSchema: ResponseSchema | undefined;
  /** The column each row's command reads on stdin; undefined: stdin is closed. */
  readonly stdinColumn: string | undefined;
}
