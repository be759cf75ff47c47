import { Command } from 'commander';
import { listTables } from '../../table/list-tables.ts';
import { plural } from '../../format/plural.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { formatColumns } from '../format-columns.ts';
import { cliStoreDir, openExistingStore } from '../open-cli-store.ts';

/** `swarm tables`: lists the store's tables. */
export function tablesCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('tables')
    .description('list the tables in the store, newest first')
    .option('--json', 'print the list as JSON')
    .addHelpText('after', '\nExample:\n  swarm tables\n  swarm --dir other/.swarm tables --json\n')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const store = openExistingStore(io, command);
      try {
        const tables = store === undefined ? [] : listTables(store);
        if (flags.json) {
          io.stdout.write(`${JSON.stringify(tables)}\n`);
        } else if (tables.length === 0) {
          io.stdout.write(`No tables in ${cliStoreDir(io, command)}. Create one with: swarm create --tasks FILE\n`);
        } else {
          const rows = tables.map((table) => [
            table.id,
            plural(table.count, 'row'),
            plural(table.passes, 'pass'),
            new Date(table.createdAt).toISOString().replace('T', ' ').slice(0, 19),
            table.columns.join(', '),
          ]);
          io.stdout.write(formatColumns(['TABLE', 'ROWS', 'PASSES', 'CREATED (UTC)', 'COLUMNS'], rows));
        }
        setExitCode(exitCodes.ok);
      } finally {
        store?.close();
      }
    });
}
