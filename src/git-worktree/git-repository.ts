/** The git repository a worktree-isolated pass runs in, as found before any row runs. */
export interface GitRepository {
  /** The top folder of the working tree the pass was started in. */
  topLevel: string;
  /** The repository's git folder shared by all its worktrees (`.git` of the main one). */
  commonDir: string;
  /** The commit every row's worktree starts from: HEAD when the pass was prepared. */
  head: string;
  /** `-c` settings each commit needs: an author when git has none configured. */
  commitSettings: readonly string[];
}
