import type { ProcessGroupEnd } from '../child-process/run-process-group.ts';

/** How a command run ended: on its own, or stopped by Swarm, or never started. */
export type ShellCommandEnd = ProcessGroupEnd;

/** What running a command line gave. */
export interface ShellCommandResult {
  end: ShellCommandEnd;
  /** The exit code, when the shell exited rather than being killed by a signal. */
  exitCode: number | null;
  /** The signal that ended the shell, if one did. */
  signal: NodeJS.Signals | null;
  /** Standard output (at most the cap: what came before it, when `end` is `output-cap`). */
  stdout: string;
  /** The last bytes of standard error. */
  stderrTail: string;
  /** Why the command could not be started (`end: 'not-started'`). */
  startError?: string;
  /** The shell's process id, which is also its process group's. */
  pid?: number;
  startedAt: number;
  latencyMs: number;
}
