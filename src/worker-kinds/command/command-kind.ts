import type { PassRun } from '../../pass/pass-run.ts';
import type { PreparedCommandPass } from '../../pass/prepared-pass.ts';
import type { WorkerKind } from '../worker-kind.ts';
import type { CommandRun } from './command-run.ts';
import { sendCommand } from './send-command.ts';
import { createSerializer } from './serialize.ts';
import { settleCommand } from './settle-command.ts';

/** The `command` kind: a shell command per row (an agent's CLI, any program), optionally in a git worktree of its own. */
export function commandKind(run: PassRun, pass: PreparedCommandPass): WorkerKind<CommandRun> {
  // `git worktree add` and `remove` change the repository's list of worktrees: one at a time.
  const gitAdmin = createSerializer();
  return {
    name: 'command',
    // One command per worker: `concurrency` of them.
    workers: (concurrency) => concurrency,
    // A command's dispatch is one row (`preparePass` sets its batchSize to 1).
    send: (rows) => sendCommand(run, pass, rows[0]!, gitAdmin),
    settle(commandRun) {
      settleCommand(run, commandRun);
      return [];
    },
  };
}
