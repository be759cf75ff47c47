import { Command, Option } from 'commander';
import path from 'node:path';
import { exportFormats, type ExportFormat } from '../../export/export-format.ts';
import { exportTable } from '../../export/export-table.ts';
import type { RowFilter } from '../../filter/row-filter.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { openCliSwarm } from '../open-cli-swarm.ts';
import { readJsonOption } from '../read-json-option.ts';

/** `swarm export`: writes a table to a JSONL, JSON, CSV or Parquet file. */
export function exportCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command('export')
    .description('write a table to a file (streamed; the file appears whole or not at all)')
    .argument('<table>', 'table id')
    .addOption(new Option('--format <format>', 'file format').choices([...exportFormats]).default('jsonl'))
    .requiredOption('--out <file>', 'destination file')
    .option('--filter <json>', 'only rows matching this filter')
    .option('--columns <names>', 'comma-separated columns to export (id is always included)')
    .option('--json', 'print { rows, file } as JSON')
    .action(async (tableId: string, flags: { format: ExportFormat; out: string; filter?: string; columns?: string; json?: boolean }, command: Command) => {
      const swarm = openCliSwarm(io, command);
      try {
        const filter = flags.filter === undefined ? undefined : (readJsonOption(flags.filter, '--filter', io.cwd) as RowFilter);
        const columns = flags.columns?.split(',').map((name) => name.trim()).filter(Boolean);
        const result = await exportTable(swarm.context.store, tableId, {
          format: flags.format,
          out: path.resolve(io.cwd, flags.out),
          filter,
          columns,
        });
        io.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `Wrote ${result.rows} rows to ${flags.out}\n`);
        setExitCode(exitCodes.ok);
      } finally {
        swarm.close();
      }
    });
}
