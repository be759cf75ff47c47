import { Command, Option } from 'commander';
import { InvalidInputError } from '../../errors/invalid-input-error.ts';
import { plural } from '../../format/plural.ts';
import { sourceKey } from '../../table/source-key.ts';
import { defaultMaxFileBytes } from '../../table/sources/default-max-file-bytes.ts';
import type { CliIo } from '../cli-io.ts';
import { exitCodes } from '../exit-codes.ts';
import { parseWholeNumber } from '../parse-numbers.ts';
import { addSourceOptions, sourceFromFlags, type SourceFlags } from '../source-options.ts';
import { openCliSwarm } from '../open-cli-swarm.ts';
import { untilInterrupted } from '../until-interrupted.ts';

/** `swarm create`: builds a table from a data file, a glob or a list of files, or finds the one built from the same data. */
export function createCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return addSourceOptions(new Command('create'))
    .description('create a table from a data file (--tasks), a glob (--glob) or files (--files); the same data again finds the table already made')
    .option('--id <id>', 'table id (default: generated from the source)')
    .addOption(new Option('--max-file-bytes <n>', `largest file a --glob/--files row may hold (default: ${defaultMaxFileBytes})`).argParser(parseWholeNumber))
    .option('--json', 'print { id, count, columns, existing } as JSON')
    .addHelpText(
      'after',
      `
Examples:
  swarm create --tasks reviews.jsonl
  swarm create --glob 'src/**/*.ts' --id code --max-file-bytes 2000000
`,
    )
    .action(async (flags: SourceFlags & { id?: string; maxFileBytes?: number; json?: boolean }, command: Command) => {
      const source = sourceFromFlags(flags);
      if (source === undefined) throw new InvalidInputError('create needs a source: --tasks FILE, --glob PATTERN... or --files FILE...');
      const key = await sourceKey(source, io.cwd);
      const swarm = openCliSwarm(io, command);
      try {
        // The same data makes no second table; a new --id does (two tables of one source are then
        // told apart by id, and only the first is found by its data).
        const found = swarm.context.store.tables.findBySource(key);
        const reuse = found !== undefined && (flags.id === undefined || flags.id === found);
        const created = await untilInterrupted((abortSignal) =>
          swarm.create(source, { id: flags.id, maxFileBytes: flags.maxFileBytes, abortSignal, ...(reuse || found === undefined ? { sourceKey: key } : {}) }),
        );
        if (created.interrupted) {
          io.stderr.write('Stopped: no table was made\n');
          setExitCode(exitCodes.interrupted);
          return;
        }
        const table = created.value;
        if (flags.json) io.stdout.write(`${JSON.stringify({ ...table, existing: reuse })}\n`);
        else if (reuse) io.stdout.write(`Found table ${table.id}, created earlier from the same data: ${plural(table.count, 'row')}; columns ${table.columns.join(', ')}\n`);
        else io.stdout.write(`Created table ${table.id}: ${plural(table.count, 'row')}; columns ${table.columns.join(', ')}\n`);
        setExitCode(exitCodes.ok);
      } finally {
        swarm.close();
      }
    });
}
