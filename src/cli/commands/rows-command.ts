import { Command, Option } from 'commander';
import type { RowFilter } from '../../filter/row-filter.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { openCliSwarm } from '../open-cli-swarm.ts';
import { parseWholeNumber } from '../parse-numbers.ts';
import { readJsonOption } from '../read-json-option.ts';

/** `swarm rows`: prints a table's rows as JSON lines (or one JSON array), filtered and projected. */
export function rowsCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('rows')
    .description('print rows of a table, one JSON object per line (safe to run while a pass writes)')
    .argument('<table>', 'table id')
    .option('--filter <json>', 'only rows matching this filter, e.g. \'{"column":"sentiment","equals":"negative"}\'')
    .option('--columns <names>', 'comma-separated columns to show (id is always included)')
    .addOption(new Option('--limit <n>', 'at most this many rows').argParser(parseWholeNumber))
    .option('--json', 'print one JSON array instead of JSON lines')
    .action(async (tableId: string, flags: { filter?: string; columns?: string; limit?: number; json?: boolean }, command: Command) => {
      const swarm = openCliSwarm(io, command);
      try {
        const filter = flags.filter === undefined ? undefined : (readJsonOption(flags.filter, '--filter', io.cwd) as RowFilter);
        const columns = flags.columns?.split(',').map((name) => name.trim()).filter(Boolean);
        const rows = swarm.iterateRows(tableId, { filter, columns, limit: flags.limit });
        if (flags.json) {
          io.stdout.write(`${JSON.stringify([...rows])}\n`);
        } else {
          for (const row of rows) io.stdout.write(`${JSON.stringify(row)}\n`);
        }
        setExitCode(exitCodes.ok);
      } finally {
        swarm.close();
      }
    });
}
