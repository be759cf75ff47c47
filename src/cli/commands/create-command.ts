import { Command } from 'commander';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { addSourceOptions, sourceFromFlags, type SourceFlags } from '../source-options.ts';
import { openCliSwarm } from '../open-cli-swarm.ts';

/** `swarm create`: builds a table from a data file, a glob or a list of files. */
export function createCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return addSourceOptions(new Command('create'))
    .description('create a table from a data file (--tasks), a glob (--glob) or files (--files)')
    .option('--id <id>', 'table id (default: generated from the source)')
    .option('--json', 'print { id, count, columns } as JSON')
    .action(async (flags: SourceFlags & { id?: string; json?: boolean }, command: Command) => {
      const source = sourceFromFlags(flags);
      if (source === undefined) throw new InvalidInputError('create needs a source: --tasks FILE, --glob PATTERN... or --files FILE...');
      const swarm = openCliSwarm(io, command);
      try {
        const table = await swarm.create(source, { id: flags.id });
        io.stdout.write(
          flags.json ? `${JSON.stringify(table)}\n` : `Created table ${table.id}: ${table.count} rows; columns ${table.columns.join(', ')}\n`,
        );
        setExitCode(exitCodes.ok);
      } finally {
        swarm.close();
      }
    });
}
