/** The CLI's exit codes; documented in `swarm --help` and docs/cli.md. */
export const exitCodes = {
  /** Everything asked for was done. */
  ok: 0,
  /** An unexpected internal error. */
  internalError: 1,
  /** A plan run (`plan run`, `replay`) ended with a task failed or skipped (see `swarm plan show`; re-run to retry them). */
  tasksNotCompleted: 1,
  /** Bad input or usage: nothing was run. */
  badInput: 2,
  /** The pass finished, but some rows failed (see the summary, `swarm rows`, or re-run to retry them). */
  rowsFailed: 3,
  /** The pass stopped early (the provider refused, a budget cap was reached, or the daemon running it stopped); rows are left pending. */
  stopped: 4,
  /** Interrupted (Ctrl-C); re-run the same command to resume. */
  interrupted: 130,
} as const;

/** Text for `--help`. */
export const exitCodeHelp = `Exit codes:
  0    done
  1    internal error; or, for plan run and replay, a task failed or was skipped (re-run to retry)
  2    bad input or usage, the same pass or plan run already running elsewhere, or drop without --yes (nothing was run)
  3    pass finished, some rows failed (re-run to retry them)
  4    pass stopped early: the provider refused (auth, billing, quota, or 5 calls in a row the same way), a budget cap was reached, or the daemon running it stopped; rows left pending
  130  interrupted (Ctrl-C); re-run the same command to resume`;
