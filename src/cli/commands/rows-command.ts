import { Command, Option } from 'commander';
import type { RowStatus } from '../../filter/row-filter.ts';
import { iterateRows } from '../../table/read-rows.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { openExistingStore } from '../open-cli-store.ts';
import { parseWholeNumber } from '../parse-numbers.ts';
import { checkPassOf, requireStore, rowFilterOf, statusOption } from '../status-filter.ts';

/** `swarm rows`: prints a table's rows as JSON lines (or one JSON array), filtered and projected. */
export function rowsCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('rows')
    .description('print rows of a table, one JSON object per line (safe to run while a pass writes)')
    .argument('<table>', 'table id')
    .option('--filter <json>', 'only rows matching this filter, e.g. \'{"column":"sentiment","equals":"negative"}\'')
    .addOption(statusOption())
    .option('--pass <id>', 'the pass --status refers to (see swarm passes TABLE)')
    .option('--columns <names>', 'comma-separated columns to show (id is always included)')
    .addOption(new Option('--limit <n>', 'at most this many rows').argParser(parseWholeNumber))
    .option('--json', 'print one JSON array instead of JSON lines')
    .addHelpText(
      'after',
      `
Examples:
  swarm rows reviews-3f9a --columns sentiment --limit 5
  swarm rows reviews-3f9a --filter '{"column":"sentiment","equals":"negative"}'
  swarm rows reviews-3f9a --status failed          # rows the last pass could not answer (see swarm failures)
`,
    )
    .action(async (tableId: string, flags: { filter?: string; status?: RowStatus; pass?: string; columns?: string; limit?: number; json?: boolean }, command: Command) => {
      const store = requireStore(openExistingStore(io, command), tableId);
      try {
        checkPassOf(store, tableId, flags.pass);
        const filter = rowFilterOf(flags, io);
        const columns = flags.columns?.split(',').map((name) => name.trim()).filter(Boolean);
        const rows = iterateRows(store, tableId, { filter, columns, limit: flags.limit });
        if (flags.json) {
          io.stdout.write(`${JSON.stringify([...rows])}\n`);
        } else {
          for (const row of rows) {
            // The reader went away (`| head`): nothing more to write.
            if (io.stdout.destroyed) break;
            io.stdout.write(`${JSON.stringify(row)}\n`);
          }
        }
        setExitCode(exitCodes.ok);
      } finally {
        store.close();
      }
    });
}
