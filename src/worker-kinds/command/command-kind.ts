import type { PassRun } from '../../pass/pass-run.ts';
import type { PreparedCommandPass } from '../../pass/prepared-pass.ts';
import type { TableInfo } from '../../table/table-info.ts';
import type { WorkerKind } from '../worker-kind.ts';
import type { CommandRun } from './command-run.ts';
import { sendCommand } from './send-command.ts';
import { createSerializer, type Serializer } from './serialize.ts';
import { settleCommand } from './settle-command.ts';

/** What a command pass's kind needs of its settings: what a worker of another process gets too. */
export type CommandPassSettings = Pick<PreparedCommandPass, 'passId' | 'command' | 'placeholders' | 'timeoutMs'> & { table: Pick<TableInfo, 'id'> };

/**
 * The `command` kind: a shell command per row (an agent's CLI, any program), optionally in a git
 * worktree of its own. `gitAdmin` runs `git worktree add` and `remove`, which change the
 * repository's list of worktrees, one at a time: kinds sharing a repository share it.
 */
export function commandKind(run: PassRun, pass: CommandPassSettings, gitAdmin: Serializer = createSerializer()): WorkerKind<CommandRun> {
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
