import type { PendingRow } from '../../pass/plan-dispatches.ts';
import type { RowFailure } from '../../recorder/result-writer.ts';
import type { ShellCommandResult } from '../../shell/shell-command-result.ts';

/** What a row gets from its command: its columns, why it failed, or nothing when the pass stopped under it (it stays pending). */
export type CommandOutcome = { columns: Record<string, unknown> } | { failure: Omit<RowFailure, 'id'> } | { pending: true };

/** What running one row's command gave, for settling. */
export interface CommandRun {
  row: PendingRow;
  /** The command's run; undefined when it never ran (no command line could be made for the row, or no worktree). */
  result: ShellCommandResult | undefined;
  outcome: CommandOutcome;
}
