import { Command, Option } from 'commander';
import { exportFormats, type ExportFormat } from '../../export/export-format.ts';
import { exportTable } from '../../export/export-table.ts';
import type { RowStatus } from '../../filter/row-filter.ts';
import { plural } from '../../format/plural.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { exportDestination } from '../export-destination.ts';
import { openExistingStore } from '../open-cli-store.ts';
import { checkPassOf, requireStore, rowFilterOf, statusOption } from '../status-filter.ts';
import { untilInterrupted } from '../until-interrupted.ts';

/** `swarm export`: writes a table to a JSONL, JSON, CSV or Parquet file, or to stdout. */
export function exportCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('export')
    .description('write a table to a file (streamed; the file appears whole or not at all) or, with --out -, to stdout')
    .argument('<table>', 'table id')
    .requiredOption('--out <file>', 'destination file, or - for stdout; its extension sets the format (.jsonl, .ndjson, .json, .csv, .parquet)')
    .addOption(new Option('--format <format>', 'file format (default: from the --out extension; jsonl for -)').choices([...exportFormats]))
    .option('--filter <json>', 'only rows matching this filter')
    .addOption(statusOption())
    .option('--pass <id>', 'the pass --status refers to (see swarm passes TABLE)')
    .option('--columns <names>', 'comma-separated columns to export (id is always included)')
    .option('--json', 'print { rows, file } as JSON')
    .addHelpText(
      'after',
      `
Examples:
  swarm export reviews-3f9a --out reviews.csv
  swarm export reviews-3f9a --out - --columns sentiment | jq .
  swarm export reviews-3f9a --out answered.parquet --status done
`,
    )
    .action(
      async (
        tableId: string,
        flags: { format?: ExportFormat; out: string; filter?: string; status?: RowStatus; pass?: string; columns?: string; json?: boolean },
        command: Command,
      ) => {
        const destination = exportDestination(flags.out, flags.format, io);
        const store = requireStore(openExistingStore(io, command), tableId);
        try {
          checkPassOf(store, tableId, flags.pass);
          const filter = rowFilterOf(flags, io);
          const columns = flags.columns?.split(',').map((name) => name.trim()).filter(Boolean);
          const exported = await untilInterrupted((abortSignal) => exportTable(store, tableId, { ...destination, filter, columns, abortSignal }));
          if (exported.interrupted) {
            io.stderr.write(`Stopped: ${flags.out === '-' ? 'what stdout got is not the whole table' : `nothing was written to ${flags.out}`}\n`);
            setExitCode(exitCodes.interrupted);
            return;
          }
          const result = exported.value;
          // With --out -, stdout holds the rows: only --json's report is written, to stderr.
          if (flags.json) (flags.out === '-' ? io.stderr : io.stdout).write(`${JSON.stringify(result)}\n`);
          else if (flags.out !== '-') io.stdout.write(`Wrote ${plural(result.rows, 'row')} to ${flags.out}\n`);
          setExitCode(exitCodes.ok);
        } finally {
          store.close();
        }
      },
    );
}
