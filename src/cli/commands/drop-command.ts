import { Command } from 'commander';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import { plural } from '../../format/plural.ts';
import type { DroppedTable } from '../../store/operations/tables.ts';
import type { Store } from '../../store/store.ts';
import { tableInfo } from '../../table/table-info.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { openExistingStore } from '../open-cli-store.ts';
import { requireStore } from '../status-filter.ts';

/** `swarm drop`: deletes a table with its passes, results and calls. */
export function dropCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('drop')
    .description("delete a table and what belongs to it alone: its rows, passes, results and calls (the response cache is shared and kept; what the calls cost still counts in swarm spend and the daily cap)")
    .argument('<table>', 'table id')
    .option('--yes', 'drop it (without --yes, only say what would be dropped)')
    .option('--json', 'print what was dropped as JSON: { tableId, rows, passes, results, attempts }')
    .addHelpText('after', '\nExample:\n  swarm drop reviews-3f9a          # says what would go\n  swarm drop reviews-3f9a --yes\n')
    .action(async (tableId: string, flags: { yes?: boolean; json?: boolean }, command: Command) => {
      const store = requireStore(openExistingStore(io, command), tableId);
      try {
        const table = tableInfo(store, tableId);
        refuseWhileRunning(store, tableId);
        if (!flags.yes) {
          const passes = store.passes.idsOf(tableId).length;
          io.stderr.write(`This would drop table ${tableId}: ${plural(table.count, 'row')} and ${plural(passes, 'pass')} with their results and calls. Add --yes to drop it.\n`);
          setExitCode(exitCodes.badInput);
          return;
        }
        // Checked again under the write lock: a run starting between the check and the drop would lose its table.
        const dropped = store.transaction(() => {
          refuseWhileRunning(store, tableId);
          return store.tables.drop(tableId)!;
        });
        io.stdout.write(flags.json ? `${JSON.stringify(dropped)}\n` : describeDropped(dropped));
        setExitCode(exitCodes.ok);
      } finally {
        store.close();
      }
    });
}

/** An InvalidInputError when a pass of the table is running. */
function refuseWhileRunning(store: Store, tableId: string): void {
  for (const passId of store.passes.idsOf(tableId)) {
    const live = store.leases.liveRun(passId);
    if (live !== undefined) throw new InvalidInputError(`pass ${passId} of table ${tableId} is running (${live.where}); stop it before dropping the table`);
  }
}

function describeDropped(dropped: DroppedTable): string {
  return (
    `Dropped table ${dropped.tableId}: ${plural(dropped.rows, 'row')}, ${plural(dropped.passes, 'pass')}, ` +
    `${plural(dropped.results, 'result')}, ${plural(dropped.attempts, 'recorded call')}.\n`
  );
}
